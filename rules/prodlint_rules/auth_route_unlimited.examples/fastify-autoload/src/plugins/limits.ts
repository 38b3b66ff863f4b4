import limiter from "@fastify/rate-limit";

export const autoConfig = { max: 100, timeWindow: "1 minute" };

// loaded by @fastify/autoload: applies to every route
export default limiter;
