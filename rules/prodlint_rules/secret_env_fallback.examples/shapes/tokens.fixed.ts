import jwt from "jsonwebtoken";

// After the fix JWT_SECRET must still be a string for jwt.sign under --strict.
// expect: SEC002
const JWT_SECRET = requireEnv("JWT_SECRET");
// expect: SEC002
const REFRESH_SECRET = process.env.REFRESH_TOKEN_SECRET || requireEnv("JWT_REFRESH_SECRET");
// ok: SEC002
const ISSUER = process.env.JWT_ISSUER || process.env.APP_NAME || "shop";

export function issue(userId: string): string[] {
  return [jwt.sign({ sub: userId }, JWT_SECRET), jwt.sign({ sub: userId }, REFRESH_SECRET, { issuer: ISSUER })];
}

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
