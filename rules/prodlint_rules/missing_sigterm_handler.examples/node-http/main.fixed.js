import http from "node:http";

const server = http.createServer((req, res) => res.end("ok")).listen(8080); // expect: SIG001

function shutdown(signal) {
  console.log(`${signal} received: closing the HTTP server`);
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
