import { Pool } from "pg";

export async function run(req: unknown, res: unknown) {
  const pool = new Pool(); // ok: DB001
  await pool.query("UPDATE orders SET total = 0");
  await pool.end();
}
