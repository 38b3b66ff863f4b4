import express from "express";

const app = express();
app.get("/readyz", (req, res) => res.send("ok")); // ok: HLT003 (a test)
process.on("SIGTERM", () => {});
