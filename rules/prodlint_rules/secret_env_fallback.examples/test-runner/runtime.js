// Fallbacks written as words and numbers are settings, not generated secrets.
// ok: SEC002
const nodeOptions = process.env.NODE_OPTIONS ?? "--max_old_space_size=6144";
// ok: SEC002
const defaultModels = process.env.DEFAULT_LLMS ?? "openai:gpt-4o-mini";
// expect: SEC002
const sessionSeed = process.env.SESSION_SEED ?? "Zx8Qw3Lk9Pm2Rt7Vb4Nc";

module.exports = { nodeOptions, defaultModels, sessionSeed };
