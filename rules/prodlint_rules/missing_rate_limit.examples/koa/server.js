const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa(); // expect: RATE001
const router = new Router();
router.post("/api/comments", (ctx) => { ctx.body = ctx.request.body; });
app.use(router.routes());
app.listen(3000);
