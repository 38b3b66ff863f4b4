import React from "react";

// Text a person reads (an input's hint, a tooltip) is not an address the page requests.
export function OllamaSettings() {
  return (
    <div>
      <input name="basePath" placeholder="http://127.0.0.1:11434" /> {/* ok: URL001 */}
      <input name="proxy" placeholder={"http://localhost:8080/v1"} /> {/* ok: URL001 */}
      <Hint title="http://localhost:4000" aria-label="http://localhost:4000" /> {/* ok: URL001 */}
      <img src="http://localhost:4000/logo.png" alt="logo" /> {/* expect: URL001 */}
    </div>
  );
}
