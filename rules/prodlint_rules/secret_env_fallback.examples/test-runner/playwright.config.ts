import { defineConfig } from "@playwright/test";

// A test runner's config runs only under the runner: its fallbacks are the test run's own.
export default defineConfig({
  webServer: {
    command: "pnpm start",
    env: {
      // ok: SEC002
      AUTH_SECRET: process.env.AUTH_SECRET ?? "secret",
      // ok: SEC002
      DATABASE_URL: process.env.DATABASE_URL ?? "postgres://postgres:postgres@localhost:5432/app_test",
    },
  },
});
