// Bun.env and Deno.env.get() read the environment as process.env does
// expect: URL002
const API_URL = Bun.env.API_URL || "http://localhost:3000";
// expect: URL002
const { REDIS_URL = "redis://localhost:6379" } = Bun.env;
// expect: URL002
const QUEUE_URL = Deno.env.get("QUEUE_URL") ?? "amqp://localhost:5672";
// ok: URL002
const HOST = Bun.env.HOST || "0.0.0.0";

export { API_URL, REDIS_URL, QUEUE_URL, HOST };
