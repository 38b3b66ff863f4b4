// expect: URL002
const API_URL: string = process.env.API_URL || "http://localhost:4000";
// expect: URL002
const AUTH_URL = process.env.AUTH_URL ?? process.env.AUTH_SERVICE_URL ?? "http://127.0.0.1:4001/auth";
// ok: URL002
const HOST = process.env.HOST || process.env.BIND || "0.0.0.0";

export async function me(token: string): Promise<Response> {
  return fetch(new URL("/me", AUTH_URL), { headers: { Authorization: token, Origin: API_URL, Host: HOST } });
}
