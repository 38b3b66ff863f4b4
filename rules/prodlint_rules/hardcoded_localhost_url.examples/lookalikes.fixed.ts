// Localhost URLs that are data about URLs, or fallbacks on an env value: not hardcoded addresses.
const parsed = new URL(redirectPath, "http://localhost"); // ok: URL001
replace({ regex: "http://localhost:3000", replacement: config.baseUrl }); // ok: URL001
const field = { placeholder: "http://localhost:3000" }; // ok: URL001
const dbConnectionPrefix = "mongodb://127.0.0.1/"; // ok: URL001
const baseUrl = process.env.NEXT_PUBLIC_VERCEL_URL
  ? `https://${process.env.NEXT_PUBLIC_VERCEL_URL}`
  : "http://localhost:3000"; // ok: URL001

export function serverUrl(): string {
  let url = process.env.NEXT_PUBLIC_SERVER_URL;
  if (!url) {
    url = "http://localhost:3000"; // ok: URL001
  }
  return url;
}

// A real one next to them:
export const api = axios.create({ baseURL: `${requireEnv("API_URL")}/posts` }); // expect: URL001

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
