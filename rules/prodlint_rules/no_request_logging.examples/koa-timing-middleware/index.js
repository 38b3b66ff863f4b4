const Koa = require("koa");

const app = new Koa(); // ok: LOG002 (a middleware logging ctx.method and ctx.url)

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  console.log(`${ctx.method} ${ctx.url} - ${Date.now() - start}ms`);
});

app.listen(3000);
