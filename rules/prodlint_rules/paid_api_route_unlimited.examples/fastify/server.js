import Fastify from "fastify";
import { GoogleGenerativeAI } from "@google/generative-ai";
import { Resend } from "resend";

const app = Fastify();
const genAI = new GoogleGenerativeAI(process.env.GEMINI_API_KEY);
const model = genAI.getGenerativeModel({ model: "gemini-1.5-flash" });
const resend = new Resend(process.env.RESEND_API_KEY);

app.post("/describe", async (request) => { // expect: RATE003
  const result = await model.generateContent(request.body.prompt);
  return { text: result.response.text() };
});

app.post("/share", async (request) => { // expect: RATE003
  await resend.emails.send({ from: "a@example.com", to: request.body.to, subject: "Shared", html: "<p>x</p>" });
  return { ok: true };
});

app.get("/config", async () => ({ model: "gemini-1.5-flash" })); // ok: RATE003

await app.listen({ port: 3000 });
