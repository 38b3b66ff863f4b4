import express from "express";
import { once } from "node:events";

const app = express();
app.get("/healthz", (req, res) => res.send("ok"));

// The signal is awaited instead of handled by a callback: the process still stops gracefully.
const server = app.listen(process.env.PORT || 3000); // ok: SIG001
await once(process, "SIGTERM");
server.close();
