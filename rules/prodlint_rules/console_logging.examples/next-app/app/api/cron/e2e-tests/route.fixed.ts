import { logger } from "../../../../logger";

// A production cron job that deletes what end-to-end test runs left: the folder names its URL.
export async function GET() {
  const removed = await removeTestWorkspaces();
  logger.info({ removed }, "removed test workspaces"); // expect: LOG001
  return Response.json({ removed });
}

declare function removeTestWorkspaces(): Promise<number>;
