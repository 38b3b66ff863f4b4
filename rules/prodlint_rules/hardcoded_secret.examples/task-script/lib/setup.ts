// Run by `npm run db:setup` on a developer's machine: a script wherever it sits, as in scripts/.
const ADMIN_PASSWORD = "Own3r-Pa55!"; // ok: SEC001 (the local account a setup script creates)
// A provider token is a leaked token in any file.
const STRIPE_KEY = "sk_live_51Hq8ZbT4nW2vX9kLmP3rQ7sY"; // expect: SEC001
export { ADMIN_PASSWORD, STRIPE_KEY };
