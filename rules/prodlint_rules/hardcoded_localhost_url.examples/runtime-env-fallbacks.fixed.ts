// Fallbacks of Bun's and Deno's environment reads are URL002's finding: URL001 stays quiet there
// ok: URL001
const API_URL = Bun.env.API_URL || "http://localhost:3000";
// ok: URL001
const { REDIS_URL = "redis://localhost:6379" } = Bun.env;
// ok: URL001
const QUEUE_URL = Deno.env.get("QUEUE_URL") ?? "amqp://localhost:5672";
// expect: URL001
const METRICS_URL = requireEnv("METRICS_URL");

export { API_URL, REDIS_URL, QUEUE_URL, METRICS_URL };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
