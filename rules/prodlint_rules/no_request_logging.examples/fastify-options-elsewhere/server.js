const options = require("./options");

const app = require("fastify")(options); // ok: LOG002 (options built elsewhere may turn the logger on)

app.listen({ port: 3000 });
