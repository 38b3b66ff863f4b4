import Fastify from "fastify";
import pino from "pino";

const log = pino();
const app = Fastify();

app.get("/events", async (request) => {
  const started = Date.now();
  const rows = await loadEvents(request.query);
  const duration = Date.now() - started;
  if (duration > 500) log.warn({ duration }, "slow events query"); // expect: LOG001
  log.debug({ from: request.query.from }, "events query"); // expect: LOG001
  return rows;
});

try {
  await app.listen({ port: 8080 });
} catch (error) {
  log.error({ err: error }, "Could not start"); // expect: LOG001
  process.exit(1);
}
