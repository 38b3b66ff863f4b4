import crypto from "node:crypto";
import express from "express";

const router = express.Router();

function signed(req) {
  const digest = "sha256=" + crypto.createHmac("sha256", process.env.GITHUB_WEBHOOK_SECRET).update(req.rawBody).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(req.headers["x-hub-signature-256"] || ""));
}

// ok: HOOK001
router.post("/webhooks/github", (req, res) => {
  if (!signed(req)) return res.sendStatus(401);
  if (req.headers["x-github-event"] === "push") deploy(req.body.ref);
  res.sendStatus(204);
});

export default router;
