const Koa = require("koa");
const pEvent = require("p-event");

const app = new Koa();

async function main() {
  const server = app.listen(3000); // ok: ERR003
  try {
    // p-event rejects the wait on these events: a crash is logged before the process stops
    await pEvent(process, ["SIGINT", "SIGTERM"], {
      rejectionEvents: ["uncaughtException", "unhandledRejection"],
    });
  } catch (err) {
    console.error("fatal", err);
    process.exitCode = 1;
  } finally {
    server.close();
  }
}

main();
