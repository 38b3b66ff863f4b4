"use server";
import { logger } from "../logger";

export async function subscribe(email: string) {
  logger.info({ email }, "subscribing"); // expect: LOG001
}
