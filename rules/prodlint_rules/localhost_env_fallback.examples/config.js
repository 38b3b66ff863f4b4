const API_URL = process.env.API_URL || "http://localhost:3000"; // expect: URL002
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379"; // expect: URL002
const { MONGODB_URI = "mongodb://localhost:27017/app" } = process.env; // expect: URL002
const DB_HOST = process.env.DB_HOST || "localhost"; // expect: URL002

const HOST = process.env.HOST || "0.0.0.0"; // ok: URL002
const BIND = process.env.HOST || "localhost"; // ok: URL002
const PORT = process.env.PORT || 3000; // ok: URL002
const SITE = process.env.SITE_URL || "https://shop.example.com"; // ok: URL002
const DEV_API = process.env.NODE_ENV === "development" ? process.env.API_URL || "http://localhost:3000" : process.env.API_URL; // ok: URL002

module.exports = { API_URL, redisUrl, MONGODB_URI, DB_HOST, HOST, BIND, PORT, SITE, DEV_API };
