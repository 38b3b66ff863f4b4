import { logger } from "../../../logger";

export async function GET() {
  try {
    const users = await loadUsers();
    return Response.json(users);
  } catch (error) {
    logger.error({ err: error }, "loading users failed"); // expect: LOG001
    return Response.json({ error: "unavailable" }, { status: 503 });
  }
}

declare function loadUsers(): Promise<unknown[]>;
