export const environment = {
  production: true,
  hostServer: requireEnv("HOST_SERVER_URL"), // expect: URL001
};

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
