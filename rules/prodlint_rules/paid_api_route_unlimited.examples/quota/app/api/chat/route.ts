import Anthropic from "@anthropic-ai/sdk";
import { MAX_MESSAGES_PER_DAY, messagesToday } from "@/lib/usage";

const anthropic = new Anthropic();

export async function POST(req: Request) { // ok: RATE003
  const user = req.headers.get("x-user-id") ?? "anonymous";
  if ((await messagesToday(user)) > MAX_MESSAGES_PER_DAY) {
    return Response.json({ error: "rate_limit: daily message quota reached" }, { status: 429 });
  }
  const message = await anthropic.messages.create({ model: "claude-3-5-haiku-latest", max_tokens: 256, messages: [] });
  return Response.json(message);
}
