import express from "express";

const router = express.Router();

// expect: HOOK001
router.post("/hooks/github", (req, res) => {
  const kind = req.headers["x-github-event"];
  if (kind === "push") deploy(req.body.ref);
  res.sendStatus(204);
});

// A hook of our own, not a provider's: nothing to verify against.
router.post("/hooks/cron", (req, res) => { // ok: HOOK001
  runJobs();
  res.sendStatus(204);
});

router.post("/bookmarks", (req, res) => { // ok: HOOK001
  res.json(save(req.body.github));
});

export default router;

function stripeHook(req, res) {
  const event = req.body;
  if (event.type === "invoice.paid") markPaid(event.data.object);
  res.sendStatus(200);
}

router.post("/billing/webhook", stripeHook); // expect: HOOK001
router.post("/payments/webhook", payments.stripeWebhook); // ok: HOOK001
