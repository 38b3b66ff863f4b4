import express, { Application } from "express";

// An app written as a class starts in its own method: that listen is the one reported.
export class App {
  public app: Application = express();

  public listen(port: number): void {
    const server = this.app.listen(port); // expect: SIG001

    function shutdown(signal: string) {
      console.log(`${signal} received: closing the HTTP server`);
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(1), 10_000).unref();
    }

    process.on("SIGTERM", () => shutdown("SIGTERM"));
    process.on("SIGINT", () => shutdown("SIGINT"));
  }
}
