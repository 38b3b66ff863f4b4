const Koa = require("koa");
const pinoHttp = require("pino-http");

const app = new Koa(); // expect: LOG002
const httpLogger = pinoHttp();
app.use((ctx, next) => {
  httpLogger(ctx.req, ctx.res);
  return next();
});

app.use(async (ctx) => {
  ctx.body = "hello";
});

app.listen(3000);
