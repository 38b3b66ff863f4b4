import express, { Application } from "express";

// An app a class holds is an app; its routes come from methods, so no fix places a handler.
export class App {
  public app: Application;

  constructor() {
    this.app = express(); // expect: ERR002
    this.app.use(express.json());
    this.routes();
  }

  private routes(): void {
    this.app.get("/api/orders", async (_req, res) => {
      res.json([]);
    });
  }

  public listen(port: number): void {
    this.app.listen(port);
  }
}
