import express, { Application } from "express";

// An app written as a class starts in its own method: that listen is the one reported.
export class App {
  public app: Application = express();

  public listen(port: number): void {
    this.app.listen(port); // expect: SIG001
  }
}
