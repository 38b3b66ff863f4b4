import React from "react";

type Env = "http://localhost:3000" | "https://example.com"; // ok: URL001

export function Header() {
  return <a href={`${requireEnv("API_URL")}/docs`}>Docs</a>; // expect: URL001
}

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
