// A front-end API client (no server framework, no handlers): fetch here runs in the browser.
export async function loadProfile() {
  const res = await fetch("https://api.example.com/me"); // ok: NET001
  return res.json();
}
