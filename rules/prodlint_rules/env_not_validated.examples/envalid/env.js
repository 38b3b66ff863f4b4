import { cleanEnv, str, url } from "envalid";

export const env = cleanEnv(process.env, { DATABASE_URL: url(), JWT_SECRET: str() });
