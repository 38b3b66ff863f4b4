const hits = new Map();

// a hand-written fixed-window limiter
module.exports = function apiThrottle(req, res, next) {
  const now = Date.now();
  const entry = hits.get(req.ip) ?? { count: 0, start: now };
  if (now - entry.start > 60_000) Object.assign(entry, { count: 0, start: now });
  entry.count += 1;
  hits.set(req.ip, entry);
  if (entry.count > 100) return res.status(429).end();
  next();
};
