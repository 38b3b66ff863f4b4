import { headers } from "next/headers";
import { Webhook } from "svix";

// ok: HOOK001
export async function POST(req: Request) {
  const payload = await req.text();
  const h = headers();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET as string);
  const evt = wh.verify(payload, {
    "svix-id": h.get("svix-id") ?? "",
    "svix-timestamp": h.get("svix-timestamp") ?? "",
    "svix-signature": h.get("svix-signature") ?? "",
  }) as { type: string };
  return Response.json({ type: evt.type });
}
