const Fastify = require("fastify");

const app = Fastify();

app.get("/readyz", async () => ({ status: "ready" })); // ok: HLT003 (a closing Fastify server answers 503)

app.listen({ port: 3000 });
process.on("SIGTERM", async () => {
  await app.close();
  process.exit(0);
});
