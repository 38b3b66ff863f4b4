await import("./src/env.js");

/** @type {import("next").NextConfig} */
const config = {};

export default config; // ok: SEC004
