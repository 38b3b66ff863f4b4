import express from "express";

export const app = express();

app.all("/api/v1/readyz", (req, res) => res.json({ ok: true })); // expect: HLT003
app.get("/api/ready-meals", (req, res) => res.json([])); // ok: HLT003 (not a readiness route)
