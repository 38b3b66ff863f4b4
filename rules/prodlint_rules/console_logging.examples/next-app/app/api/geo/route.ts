export const runtime = "edge";

export function GET(request: Request) {
  console.log(request.headers.get("x-vercel-ip-country")); // ok: LOG001 (edge runtime)
  return new Response("ok");
}
