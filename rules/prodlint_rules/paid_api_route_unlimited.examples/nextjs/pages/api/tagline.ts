import type { NextApiRequest, NextApiResponse } from "next";
import { openai } from "@/lib/openai";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const completion = await openai.chat.completions.create({ // expect: RATE003
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `A tagline for ${req.body.product}` }],
  });
  res.status(200).json({ tagline: completion.choices[0].message.content });
}
