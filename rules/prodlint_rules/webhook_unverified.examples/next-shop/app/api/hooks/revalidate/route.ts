import { revalidatePath } from "next/cache";

// A revalidation hook guarded by a token of our own: no provider payload.
// ok: HOOK001
export async function POST(req: Request) {
  if (req.headers.get("authorization") !== `Bearer ${process.env.REVALIDATE_TOKEN}`) {
    return new Response("unauthorized", { status: 401 });
  }
  revalidatePath("/");
  return Response.json({ ok: true });
}
