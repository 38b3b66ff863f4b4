export const runtime = "edge";

export async function GET() {
  const key = process.env.OG_SIGNING_SECRET!; // expect: SEC002
  return new Response(key.length.toString());
}
