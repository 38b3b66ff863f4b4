import Koa from "koa";

const app = new Koa(); // expect: HLT001

app.use(async (ctx, next) => {
  if (ctx.path !== "/healthz") return next();
  ctx.body = { status: "ok", uptime: process.uptime() };
});

app.use(async (ctx) => {
  ctx.body = "hello";
});

app.listen(3000);
