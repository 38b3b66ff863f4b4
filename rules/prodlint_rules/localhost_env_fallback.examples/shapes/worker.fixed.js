const { Queue } = require("bullmq");

// expect: URL002
const redisUrl = process.env.REDIS_URL || process.env.REDIS_TLS_URL;
// ok: URL002
const prefix = process.env.QUEUE_PREFIX || process.env.APP_NAME || "jobs";

module.exports = new Queue("mail", { connection: { url: redisUrl }, prefix });
