import { validateEnv } from "./env.js";

export function transport() {
  // the helper is imported: only the fallback is dropped
  return { user: "mailer", pass: process.env.SMTP_PASSWORD }; // expect: SEC002
}

export const ready = () => validateEnv(["SMTP_PASSWORD"]);
