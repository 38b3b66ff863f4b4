import { Router } from "express";

export const admin = Router();

admin.post("/login", (req, res) => { // ok: RATE002
  res.json({ ok: true });
});
