"use server";

import { Pool } from "pg";

export async function placeOrder(form: FormData) {
  const pool = new Pool(); // expect: DB001
  await pool.query("INSERT INTO orders(item) VALUES ($1)", [form.get("item")]);
}
