import express, { type Request, type Response } from "express";

export const app = express(); // expect: RATE001

app.use(express.json());

app.post("/orders", (req: Request, res: Response) => {
  res.status(201).json(req.body);
});

app.listen(3000);
