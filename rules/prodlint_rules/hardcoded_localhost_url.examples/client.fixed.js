const express = require("express");
const cors = require("cors");
const mongoose = require("mongoose");
const { Pool } = require("pg");

const app = express();
const PORT = process.env.PORT || 3000;

// expect: URL001
const API = process.env.API_URL;
const apiBaseUrl = `${process.env.API_BASE_URL}/v1/`; // expect: URL001
app.use(cors({ origin: process.env.CORS_ORIGIN })); // expect: URL001
mongoose.connect(process.env.MONGODB_URI); // expect: URL001
const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: URL001
const cache = new Pool({ host: process.env.DB_HOST, port: 5432 }); // expect: URL001

async function loadUsers(id) {
  const res = await fetch(`${process.env.API_URL}/api/users/${id}`); // expect: URL001
  return res.json();
}

// ok: URL001
console.log(`Server listening on http://localhost:${PORT}`);
logger.info("open http://localhost:3000 in your browser"); // ok: URL001
app.listen(PORT, "0.0.0.0"); // ok: URL001
app.listen({ port: PORT, host: "127.0.0.1" }); // ok: URL001

if (process.env.NODE_ENV === "development") {
  app.use(cors({ origin: "http://localhost:5173" })); // ok: URL001
}
const origin = process.env.NODE_ENV === "production" ? "https://shop.example.com" : "http://localhost:5173"; // ok: URL001

function isLocal(url) {
  return url.startsWith("http://localhost"); // ok: URL001
}
if (req.headers.origin === "http://localhost:5173") { // ok: URL001
  allow();
}
const allowed = ["https://shop.example.com", "http://localhost:5173"]; // ok: URL001
const note = "Run the API on localhost before the frontend"; // ok: URL001
// A comment about http://localhost:3000 is not code. ok: URL001
throw new Error("could not reach http://localhost:9200"); // ok: URL001
module.exports = { API, apiBaseUrl, pool, cache, loadUsers, origin, allowed, note };
