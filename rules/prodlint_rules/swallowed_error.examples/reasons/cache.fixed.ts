import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL as string);

// A comment that gives the reason, or names the failure that is accepted, is a decision.
export async function cachedAccount(id: string): Promise<string | null> {
  try {
    return await redis.get(`account:${id}`);
  } catch { // ok: ERR004
    // Redis unavailable — fall through to the database
  }
  return null;
}

export function parseDate(value: string): Date | null {
  let parsed: Date | null = null;
  try {
    parsed = new Date(JSON.parse(value));
  } catch { // ok: ERR004
    // Invalid date format
  }
  return parsed;
}

export async function persistSnapshot(snapshot: string): Promise<void> {
  try {
    await redis.set("snapshot", snapshot);
  } catch { // ok: ERR004
    // Quota or serialization failures must never break the app.
  }
}

export function utf8(bytes: string): string {
  try {
    return decodeURIComponent(bytes);
  } catch (err) { /* empty */ } // ok: ERR004
  return bytes;
}

// A comment that only says something should be done, or cannot happen, is not.
export async function removeAccount(id: string): Promise<void> {
  try {
    await redis.del(`account:${id}`);
  } catch (err) {
    // expect: ERR004
    // this should not happen
    console.error(err);
  }
}

// A reason in the comment's own words is one too; a bare marker or code put out of action is not.
export function focusEnd(input: HTMLInputElement): void {
  try {
    input.setSelectionRange(input.value.length, input.value.length);
  } catch { // ok: ERR004
    // email and number inputs reject setSelectionRange
  }
}

export async function acknowledge(id: string): Promise<void> {
  try {
    await redis.xack("events", "workers", id);
  } catch { // ok: ERR004
    /* Malformed payloads are acknowledged so the queue does not redeliver them. */
  }
}

export async function touch(id: string): Promise<void> {
  try {
    await redis.expire(`account:${id}`, 60);
  } catch (err) {
    // expect: ERR004
    //
    console.error(err);
  }
}

export async function forget(id: string): Promise<void> {
  try {
    await redis.del(`session:${id}`);
  } catch (err) {
    // expect: ERR004
    // console.error("forget failed", err);
    console.error(err);
  }
}
