// Fallbacks written as words and numbers are settings, not generated secrets.
function validateEnv(names) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`Missing required environment variables: ${missing.join(", ")}`);
  }
}

validateEnv(["SESSION_SEED"]);

// ok: SEC002
const nodeOptions = process.env.NODE_OPTIONS ?? "--max_old_space_size=6144";
// ok: SEC002
const defaultModels = process.env.DEFAULT_LLMS ?? "openai:gpt-4o-mini";
// expect: SEC002
const sessionSeed = process.env.SESSION_SEED;

module.exports = { nodeOptions, defaultModels, sessionSeed };
