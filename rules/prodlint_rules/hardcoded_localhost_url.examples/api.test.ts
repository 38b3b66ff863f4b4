// Tests talk to the local server on purpose.
const BASE = "http://localhost:3000"; // ok: URL001
