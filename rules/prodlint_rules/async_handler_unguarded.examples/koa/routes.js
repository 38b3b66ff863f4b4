const Router = require('@koa/router');

const router = new Router();
router.get('/users', async (ctx) => { // ok: ERR001
  ctx.body = await db.users.all();
});
