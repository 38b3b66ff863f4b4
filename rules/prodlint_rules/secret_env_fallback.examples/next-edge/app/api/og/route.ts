export const runtime = "edge";

export async function GET() {
  const key = process.env.OG_SIGNING_SECRET ?? "og-signing-secret-42"; // expect: SEC002
  return new Response(key.length.toString());
}
