import React from "react";

type Env = "http://localhost:3000" | "https://example.com"; // ok: URL001

export function Header() {
  return <a href={`${process.env.API_URL}/docs`}>Docs</a>; // expect: URL001
}
