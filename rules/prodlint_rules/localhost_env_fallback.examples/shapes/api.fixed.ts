// expect: URL002
const API_URL: string = requireEnv("API_URL");
// expect: URL002
const AUTH_URL = process.env.AUTH_URL ?? requireEnv("AUTH_SERVICE_URL");
// ok: URL002
const HOST = process.env.HOST || process.env.BIND || "0.0.0.0";

export async function me(token: string): Promise<Response> {
  return fetch(new URL("/me", AUTH_URL), { headers: { Authorization: token, Origin: API_URL, Host: HOST } });
}

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
