import { openai } from "@ai-sdk/openai";
import { streamText } from "ai";

export async function POST(req: Request) { // expect: RATE003
  const { prompt } = await req.json();
  const result = await streamText({ model: openai("gpt-4o-mini"), prompt });
  return result.toDataStreamResponse();
}
