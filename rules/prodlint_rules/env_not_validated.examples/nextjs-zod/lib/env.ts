import { z } from "zod";

const schema = z.object({ DATABASE_URL: z.string().url(), RESEND_API_KEY: z.string().min(1) });

export const env = schema.parse(process.env);
