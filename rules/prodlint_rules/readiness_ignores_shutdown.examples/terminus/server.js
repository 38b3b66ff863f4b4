const http = require("http");
const express = require("express");
const { createTerminus } = require("@godaddy/terminus");

const app = express();
app.get("/readyz", (req, res) => res.send("ok")); // ok: HLT003 (terminus fails readiness during shutdown)

const server = http.createServer(app);
createTerminus(server, { signals: ["SIGTERM"] });
process.on("SIGTERM", () => console.log("bye"));
server.listen(3000);
