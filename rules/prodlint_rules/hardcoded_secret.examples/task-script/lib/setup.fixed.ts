// Run by `npm run db:setup` on a developer's machine: a script wherever it sits, as in scripts/.
const ADMIN_PASSWORD = "Own3r-Pa55!"; // ok: SEC001 (the local account a setup script creates)
// A provider token is a leaked token in any file.
const STRIPE_KEY = requireEnv("STRIPE_KEY"); // expect: SEC001
export { ADMIN_PASSWORD, STRIPE_KEY };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
