import Fastify from "fastify";
import pino from "pino";

const log = pino();
const app = Fastify();

app.get("/events", async (request) => {
  const started = Date.now();
  const rows = await loadEvents(request.query);
  const duration = Date.now() - started;
  if (duration > 500) console.warn("slow events query", duration); // expect: LOG001
  console.debug("events query", request.query.from); // expect: LOG001
  return rows;
});

app.get("/events/:id", async (request) => {
  try {
    return await loadEvent(request.params.id);
  } catch (error) {
    console.error("event lookup failed:", error.message); // expect: LOG001
    console.log("took %dms for %s", 12, request.params.id); // expect: LOG001
    return null;
  }
});

try {
  await app.listen({ port: 8080 });
  console.log("Server is up on port", 8080); // expect: LOG001
} catch (error) {
  console.error("Could not start:", error); // expect: LOG001
  process.exit(1);
}
