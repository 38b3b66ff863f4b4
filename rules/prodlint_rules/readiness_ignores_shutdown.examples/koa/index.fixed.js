const Koa = require("koa");
const Router = require("@koa/router");

const app = new Koa();
const router = new Router();


let shuttingDown = false;

router.get("/readiness", (ctx) => { // expect: HLT003
  if (shuttingDown) {
    ctx.status = 503;
    ctx.body = { status: "shutting down" };
    return;
  }
  ctx.body = { status: "ready" };
});

app.use(router.routes());
const server = app.listen(3000);

process.on("SIGTERM", function onTerm() {
  shuttingDown = true;
  server.close(() => process.exit(0));
});
