// A command-line program runs on its user's machine: a login's loopback callback and the port of
// a VM it started are on that machine, where `localhost` is right.
export const REDIRECT_URI = "http://localhost:4587/callback"; // ok: URL001

export function desktopUrl(port: number): string {
  return `http://localhost:${port}`; // ok: URL001
}
