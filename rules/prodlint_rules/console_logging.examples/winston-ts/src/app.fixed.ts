import express, { Request, Response } from "express";
import winston from "winston";

const logger = winston.createLogger({
  level: "info",
  transports: [new winston.transports.Console()], // ok: LOG001 (a logger's console transport)
});

export const app = express();

app.post("/accounts", async (req: Request, res: Response) => {
  const user = await createAccount(req.body);
  logger.info("account created", { userId: user.id }); // expect: LOG001
  logger.warn("slow signup", { ms: 900, plan: "pro" }); // expect: LOG001
  res.status(201).json(user);
});

app.delete("/accounts/:id", async (req: Request, res: Response) => {
  try {
    await removeAccount(req.params.id);
    res.status(204).end();
  } catch (err) {
    logger.error("delete failed", err); // expect: LOG001
    res.status(500).end();
  }
});

declare function createAccount(body: unknown): Promise<{ id: string }>;
declare function removeAccount(id: string): Promise<void>;
