import { Octokit } from "@octokit/rest";

// Classic GitHub token: ghp_ and 36 characters.
// expect: SEC001
const octokit = new Octokit({ auth: requireEnv("GITHUB_TOKEN") });

// A fine-grained personal access token.
// expect: SEC001
const deployBot = new Octokit({ auth: requireEnv("GITHUB_TOKEN") });

export const ai = {
  // expect: SEC001
  openai: requireEnv("OPENAI_API_KEY"),
  // expect: SEC001
  anthropic: requireEnv("ANTHROPIC_API_KEY"),
};

// expect: SEC001
const slackBot = requireEnv("SLACK_TOKEN");
// expect: SEC001
const twilioKey = requireEnv("TWILIO_KEY");
// expect: SEC001
const sendgrid = requireEnv("SENDGRID_API_KEY");
// expect: SEC001
const geminiKey = requireEnv("GEMINI_KEY");
// expect: SEC001
const stripe = requireEnv("STRIPE_RESTRICTED_KEY");

// An AWS secret access key sits next to its key ID, whatever the names.
export const storage = new Credentials(
  requireEnv("AWS_ACCESS_KEY_ID"), // expect: SEC001
  requireEnv("AWS_SECRET_ACCESS_KEY"), // expect: SEC001
);

// A token in a comment is committed all the same:
const apiBase = "https://api.github.com"; // tried with <redacted> expect: SEC001

/* ok: SEC001 */
// ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx is what a token looks like
// ok: SEC001
const sampleSid = "AC00000000000000000000000000000000";
// ok: SEC001
const checksum = "d41d8cd98f00b204e9800998ecf8427e00000000";
// 40 characters of base64 with no key ID nearby: a hash or an id. ok: SEC001
const contentHash = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo";

export { apiBase, octokit, deployBot, slackBot, twilioKey, sendgrid, geminiKey, stripe, sampleSid, checksum, contentHash };

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
