import { Router } from "express";
import type { Request, Response } from "express";
import { loginLimiter } from "../middleware/limits.js";
import { rateLimit } from "express-rate-limit";

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many attempts, please try again later." },
});

export const account = Router();

account.post("/signin", loginLimiter, (req: Request, res: Response) => { // ok: RATE002
  res.json({ ok: true });
});
account.post("/signup", authLimiter, (req: Request, res: Response) => { // expect: RATE002
  res.json({ ok: true });
});
account.put("/password/reset", authLimiter, (req: Request, res: Response) => { // expect: RATE002
  res.json({ ok: true });
});
