import Koa from "koa";

const app = new Koa(); // expect: HLT001

app.use(async (ctx) => {
  ctx.body = "hello";
});

app.listen(3000);
