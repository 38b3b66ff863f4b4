module.exports = { logger: { level: process.env.LOG_LEVEL || "info" } };
