import type { NextConfig } from "next";
import "./lib/env";

const nextConfig: NextConfig = { poweredByHeader: false };

export default nextConfig; // ok: SEC004
