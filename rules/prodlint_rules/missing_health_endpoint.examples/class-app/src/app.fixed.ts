import express, { Application } from "express";

// An app written as a class is an app: its routes are `this.app`'s.
export class App {
  public app: Application;

  constructor() {
    this.app = express(); // expect: HLT001

    this.app.get("/healthz", (_req, res) => {
      res.json({ status: "ok", uptime: process.uptime() });
    });

    this.app.use(express.json());
    this.app.get("/api/orders", (_req, res) => {
      res.json([]);
    });
  }

  public listen(port: number): void {
    this.app.listen(port);
  }
}
