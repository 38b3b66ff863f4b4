import { rateLimit } from "express-rate-limit";

export const apiLimiter = rateLimit({ windowMs: 60_000, limit: 100 });
export const loginLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 5 });
