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
export const api = axios.create({ baseURL: "http://localhost:5000/posts" }); // expect: URL001

// A constant read only as the base of `new URL(…)` whose parts alone are read parses a path:
// no request goes there.
export function pathOf(url: string, hostname?: string): string {
  const base = hostname ? `https://${hostname}` : "https://localhost"; // ok: URL001
  const parsed = new URL(url, base);
  return parsed.pathname + parsed.search;
}
// A URL built on it and then requested is a request to it.
export function assetBytes(path: string, appUrl?: string) {
  const assetBase = appUrl || "http://localhost:3000"; // expect: URL001
  return fetch(new URL(path, assetBase)).then((res) => res.arrayBuffer());
}
// Read as anything else too, it is an address.
export function fetchPath(url: string, hostname?: string) {
  const origin = hostname ? `https://${hostname}` : "https://localhost:8443"; // expect: URL001
  return fetch(new URL(url, origin), { headers: { referer: origin } });
}
