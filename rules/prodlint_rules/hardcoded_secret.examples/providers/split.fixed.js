// A key split across constants and joined at run time is still in the code.
const GH_PREFIX = "ghp_";
const GH_REST = "UGUvoArxx4zYHReXwfLKttEj9SWWMub7WyyE";

// expect: SEC001
const token = process.env.GITHUB_TOKEN;
// expect: SEC001
const header = process.env.GITHUB_TOKEN;
// expect: SEC001
const openai = process.env.OPENAI_API_KEY;

// ok: SEC001
const fromEnv = GH_PREFIX + process.env.GITHUB_TOKEN_BODY;
// ok: SEC001
const label = "token: " + GH_PREFIX;

module.exports = { token, header, openai, fromEnv, label };
