import { Router } from "express";
import type { Request, Response } from "express";
import { loginLimiter } from "../middleware/limits.js";

export const account = Router();

account.post("/signin", loginLimiter, (req: Request, res: Response) => { // ok: RATE002
  res.json({ ok: true });
});
account.post("/signup", (req: Request, res: Response) => { // expect: RATE002
  res.json({ ok: true });
});
account.put("/password/reset", (req: Request, res: Response) => { // expect: RATE002
  res.json({ ok: true });
});
