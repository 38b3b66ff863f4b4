const Fastify = require("fastify");

// A prompt library beside a server framework: the package is still a server.
const app = Fastify();
// expect: URL001
const inventoryUrl = "http://localhost:4000/stock";

app.get("/stock", async () => (await fetch(inventoryUrl)).json());
app.listen({ port: Number(process.env.PORT) || 3000, host: "0.0.0.0" });
