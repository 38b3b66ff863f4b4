const Fastify = require("fastify");

const app = Fastify({ trustProxy: true }); // expect: LOG002

app.get("/events", async () => []);
app.listen({ port: 3000, host: "0.0.0.0" });
