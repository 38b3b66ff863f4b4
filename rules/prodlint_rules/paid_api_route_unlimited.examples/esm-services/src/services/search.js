import { CohereClient } from "cohere-ai";

const cohere = new CohereClient({ token: process.env.COHERE_API_KEY });

export async function rerank(query, documents) {
  return cohere.rerank({ query, documents, model: "rerank-english-v3.0" });
}

export function tokenize(text) {
  return text.split(/\s+/);
}
