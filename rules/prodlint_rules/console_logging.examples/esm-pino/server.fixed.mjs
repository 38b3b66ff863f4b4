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

app.get("/events/:id", async (request) => {
  try {
    return await loadEvent(request.params.id);
  } catch (error) {
    log.error({ err: error }, "event lookup failed"); // expect: LOG001
    log.info("took %dms for %s", 12, request.params.id); // expect: LOG001
    return null;
  }
});

try {
  await app.listen({ port: 8080 });
  log.info("Server is up on port 8080"); // expect: LOG001
} catch (error) {
  log.error({ err: error }, "Could not start"); // expect: LOG001
  process.exit(1);
}
