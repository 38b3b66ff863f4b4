// A key split across constants and joined at run time is still in the code.
const GH_PREFIX = "ghp_";
const GH_REST = "UGUvoArxx4zYHReXwfLKttEj9SWWMub7WyyE";

// expect: SEC001
const token = GH_PREFIX + GH_REST;
// expect: SEC001
const header = `${GH_PREFIX}${GH_REST}`;
// expect: SEC001
const openai = "sk-" + "proj-" + "E4JGynrVGEH25G4CLTc6tvE4gDVW3HrDmC6XFeSsGygnY7BjDafaDNK6fQ3nqhQcZKsTZR";

// ok: SEC001
const fromEnv = GH_PREFIX + process.env.GITHUB_TOKEN_BODY;
// ok: SEC001
const label = "token: " + GH_PREFIX;

module.exports = { token, header, openai, fromEnv, label };
