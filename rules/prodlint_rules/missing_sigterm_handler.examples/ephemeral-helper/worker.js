import http from "node:http";

// A helper the worker starts for itself on a port the system chooses: no platform sends it
// traffic or signals, and the worker reads its address back.
function startProxy() {
  return new Promise((resolve) => {
    const proxy = http.createServer((req, res) => res.end("ok"));
    proxy.listen(0, "127.0.0.1", () => { // ok: SIG001
      const address = proxy.address();
      resolve(`http://127.0.0.1:${address.port}`); // ok: URL001
    });
  });
}

export async function processLinks(links) {
  const proxyUrl = await startProxy();
  return links.map((link) => ({ link, via: proxyUrl }));
}
