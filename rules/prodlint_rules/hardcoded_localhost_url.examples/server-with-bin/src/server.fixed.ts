import express from "express";

// A server started by a command is still a server: `localhost` is the server itself.
const app = express();
export const PAYMENTS_URL = `${requireEnv("PAYMENTS_URL")}/charge`; // expect: URL001
app.listen(3000);

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
