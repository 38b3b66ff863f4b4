export const connection = { url: "mongodb://127.0.0.1" }; // ok: URL001
