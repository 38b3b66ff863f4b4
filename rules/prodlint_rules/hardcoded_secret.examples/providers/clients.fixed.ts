import { Octokit } from "@octokit/rest";

// Classic GitHub token: ghp_ and 36 characters.
// expect: SEC001
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });

// A fine-grained personal access token.
// expect: SEC001
const deployBot = new Octokit({ auth: process.env.GITHUB_TOKEN });

export const ai = {
  // expect: SEC001
  openai: process.env.OPENAI_API_KEY,
  // expect: SEC001
  anthropic: process.env.ANTHROPIC_API_KEY,
};

// expect: SEC001
const slackBot = process.env.SLACK_TOKEN;
// expect: SEC001
const twilioKey = process.env.TWILIO_KEY;
// expect: SEC001
const sendgrid = process.env.SENDGRID_API_KEY;
// expect: SEC001
const geminiKey = process.env.GEMINI_KEY;
// expect: SEC001
const stripe = process.env.STRIPE_RESTRICTED_KEY;

// An AWS secret access key sits next to its key ID, whatever the names.
export const storage = new Credentials(
  process.env.AWS_ACCESS_KEY_ID, // expect: SEC001
  process.env.AWS_SECRET_ACCESS_KEY, // expect: SEC001
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
