const counts = new Map<string, number>();

export async function messagesToday(user: string): Promise<number> {
  const n = (counts.get(user) ?? 0) + 1;
  counts.set(user, n);
  return n;
}

export const MAX_MESSAGES_PER_DAY = 50;
