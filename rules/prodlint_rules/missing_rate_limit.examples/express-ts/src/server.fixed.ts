import express, { type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";

export const app = express(); // expect: RATE001

const apiLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 100,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please try again later." },
});
app.use(apiLimiter);

app.use(express.json());

app.post("/orders", (req: Request, res: Response) => {
  res.status(201).json(req.body);
});

app.listen(3000);
