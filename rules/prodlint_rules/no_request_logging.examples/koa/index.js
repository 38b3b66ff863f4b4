const Koa = require("koa");

const app = new Koa(); // expect: LOG002

app.use(async (ctx) => {
  ctx.body = "hello";
});

app.listen(3000);
