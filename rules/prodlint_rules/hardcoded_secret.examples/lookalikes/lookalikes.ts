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
const replicaUrl = `postgres://payload:payload@${host}:5432/payload`; // expect: SEC001
const body = { password: "newPassword", token: "resetToken" }; // ok: SEC001
const mixedApiKey = { apiKey: "live7Kq2Zx9Lm4Vb" }; // expect: SEC001
export { theme, config, replicaUrl, body, mixedApiKey };
