const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa();
const router = new Router();

router.get("/readiness", (ctx) => { // expect: HLT003
  ctx.body = { status: "ready" };
});

app.use(router.routes());
const server = app.listen(3000);

process.on("SIGTERM", function onTerm() {
  server.close(() => process.exit(0));
});
