import express from "express";
import serverless from "serverless-http";

// ok: HLT001
const app = express();
app.get("/.netlify/functions/api/items", (req, res) => res.json([]));

export const handler = serverless(app);
