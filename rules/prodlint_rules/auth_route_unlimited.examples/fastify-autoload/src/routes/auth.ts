import type { FastifyInstance } from "fastify";

export default async function routes(fastify: FastifyInstance) {
  fastify.post("/login", async (request) => ({ user: request.body })); // ok: RATE002
}
