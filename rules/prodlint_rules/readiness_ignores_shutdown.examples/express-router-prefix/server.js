const express = require("express");
const probes = require("./routes/probes");

const app = express();
app.use("/health", probes);

const server = app.listen(3000);
process.on("SIGTERM", () => server.close());
