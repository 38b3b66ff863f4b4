import { DataSource } from "typeorm";

export const AppDataSource = new DataSource({
  type: "postgres",
  // expect: URL001
  host: requireEnv("DB_HOST"),
  port: 5432,
  username: "shop",
  database: "shop",
  entities: ["dist/entities/*.js"],
});

export const Analytics = new DataSource({
  type: "mysql",
  // expect: URL001
  host: requireEnv("DB_HOST"),
  database: "analytics",
});

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
