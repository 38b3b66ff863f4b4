import jwt from "jsonwebtoken";

// After the fix JWT_SECRET must still be a string for jwt.sign under --strict.
// expect: SEC002
const JWT_SECRET = process.env.JWT_SECRET || "dev-jwt-secret-k9Vd2wq81";
// expect: SEC002
const REFRESH_SECRET = process.env.REFRESH_TOKEN_SECRET || process.env.JWT_REFRESH_SECRET || "r3fr3sh-k9Vd2wq81Ls";
// ok: SEC002
const ISSUER = process.env.JWT_ISSUER || process.env.APP_NAME || "shop";

export function issue(userId: string): string[] {
  return [jwt.sign({ sub: userId }, JWT_SECRET), jwt.sign({ sub: userId }, REFRESH_SECRET, { issuer: ISSUER })];
}
