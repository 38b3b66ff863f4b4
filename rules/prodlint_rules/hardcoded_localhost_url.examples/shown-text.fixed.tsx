import React from "react";

// Text a person reads (an input's hint, a tooltip) is not an address the page requests.
export function OllamaSettings() {
  return (
    <div>
      <input name="basePath" placeholder="http://127.0.0.1:11434" /> {/* ok: URL001 */}
      <input name="proxy" placeholder={"http://localhost:8080/v1"} /> {/* ok: URL001 */}
      <Hint title="http://localhost:4000" aria-label="http://localhost:4000" /> {/* ok: URL001 */}
      <img src={`${requireEnv("API_URL")}/logo.png`} alt="logo" /> {/* expect: URL001 */}
    </div>
  );
}

/** The variable's value; stops the app when it is unset (a string for the type checker). */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}
