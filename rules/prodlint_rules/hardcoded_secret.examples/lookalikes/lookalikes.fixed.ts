// Look-alikes found in real projects (each once produced a false positive).
interface CliArgs {
  "--secret": StringConstructor; // ok: SEC001
}
type Field = { token: "access_token_value" }; // ok: SEC001
const theme = {
  rules: [
    { foreground: "cb0b96", token: "keyword" }, // ok: SEC001
    { foreground: "005cc5", token: "identifier" }, // ok: SEC001
    { foreground: "093077", token: "delimiter.bracket" }, // ok: SEC001
  ],
};
process.env.STRIPE_SECRET_KEY = "sk_test_123"; // ok: SEC001
const config = { secret: "uuid-v7-test-secret" }; // ok: SEC001
const replicaUrl = requireEnv("REPLICA_URL"); // expect: SEC001
const body = { password: "newPassword", token: "resetToken" }; // ok: SEC001
const mixedApiKey = { apiKey: requireEnv("MIXED_API_KEY_API_KEY") }; // expect: SEC001
export { theme, config, replicaUrl, body, mixedApiKey };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
