const http = require("http");

http.get("http://127.0.0.1:3000/healthz", (res) => {
  console.log("status", res.statusCode); // ok: LOG001 (a container health-check probe)
  process.exit(res.statusCode === 200 ? 0 : 1);
});
