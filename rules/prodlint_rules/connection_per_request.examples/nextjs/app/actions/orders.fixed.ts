"use server";

import { Pool } from "pg";

const pool = new Pool(); // expect: DB001

export async function placeOrder(form: FormData) {
  await pool.query("INSERT INTO orders(item) VALUES ($1)", [form.get("item")]);
}
