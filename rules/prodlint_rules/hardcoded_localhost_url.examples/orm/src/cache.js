const Redis = require("ioredis");

// expect: URL001
const redis = new Redis({ host: "localhost", port: 6379, db: 0 });
// A server's own bind settings, not a connection. ok: URL001
const server = { host: "localhost", port: 8080, timeout: 30 };
// ok: URL001
const menu = { host: "localhost", title: "Local", icon: "home" };

function usersUrl(port) {
  // expect: URL001
  return "http://localhost:" + port + "/api/users";
}
// ok: URL001
const isLocal = (origin) => origin.startsWith("http://localhost:" + 3000);

module.exports = { redis, server, menu, usersUrl, isLocal };
