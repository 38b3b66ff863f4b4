// An OpenAPI server list names its development entry on purpose, beside the others.
export const openapi = {
  servers: [
    { url: "https://api.shop.dev/v1", description: "Production server" },
    { url: "http://localhost:3000/v1", description: "Development server" }, // ok: URL001
  ],
};
// A label that says nothing of development does not make it one.
export const billing = { url: "http://localhost:4000", description: "Billing service" }; // expect: URL001

// The last return after an early return on an env value is the ternary's fallback, as statements.
export function getBaseUrl(): string {
  if (typeof window !== "undefined") return "";
  if (process.env.VERCEL_URL) return `https://${process.env.VERCEL_URL}`;
  return "http://localhost:3000"; // ok: URL001
}

export function regionUrl(region: string): string {
  if (region === "eu") return "https://eu.shop.dev";
  return "http://localhost:8080"; // expect: URL001
}

// The same, on a validated env object's variable (t3-env's `createEnv`, an `Env` module).
declare const Env: { NEXT_PUBLIC_APP_URL?: string };
export function appUrl(): string {
  if (Env.NEXT_PUBLIC_APP_URL) {
    return Env.NEXT_PUBLIC_APP_URL;
  }
  return "http://localhost:3000"; // ok: URL001
}
