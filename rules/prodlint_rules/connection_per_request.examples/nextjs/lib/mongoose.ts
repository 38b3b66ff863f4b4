import mongoose from "mongoose";

type Cache = { conn: typeof mongoose | null; promise: Promise<typeof mongoose> | null };
const cache: Cache = ((globalThis as any).mongooseCache ??= { conn: null, promise: null });

export async function dbConnect() {
  if (cache.conn) return cache.conn;
  cache.promise ??= mongoose.connect(process.env.MONGODB_URI!); // ok: DB001
  cache.conn = await cache.promise;
  return cache.conn;
}
