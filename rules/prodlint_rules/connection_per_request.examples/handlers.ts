import Fastify from "fastify";
import Koa from "koa";
import Router from "@koa/router";
import { Hono } from "hono";
import Redis from "ioredis";
import knex from "knex";
import { Sequelize } from "sequelize";
import { createClient } from "redis";
import { createClient as createSupabase } from "@supabase/supabase-js";
import { Pool as NeonPool } from "@neondatabase/serverless";
import { Redis as Upstash } from "@upstash/redis";

const fastify = Fastify();
const router = new Router();
const hono = new Hono();

fastify.get("/count", async (request, reply) => {
  const redis = new Redis(process.env.REDIS_URL!); // expect: DB001
  return { count: await redis.incr("hits") };
});

router.get("/items", async (ctx) => {
  const db = knex({ client: "pg", connection: process.env.DATABASE_URL }); // expect: DB001
  ctx.body = await db("items").select();
});

hono.get("/posts", async (c) => {
  const sequelize = new Sequelize(process.env.DATABASE_URL as string); // expect: DB001
  return c.json(await sequelize.query("SELECT 1"));
});

fastify.post("/cache", async (request, reply) => {
  const client = createClient({ url: process.env.REDIS_URL }); // expect: DB001
  await client.connect();
  await client.set("k", "v");
  return { ok: true };
});

fastify.get("/profile", async (request, reply) => {
  const supabase = createSupabase(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!); // ok: DB001
  return supabase.from("profiles").select();
});

hono.get("/edge", async (c) => {
  const pool = new NeonPool({ connectionString: process.env.DATABASE_URL }); // ok: DB001
  const upstash = new Upstash({ url: process.env.UPSTASH_URL!, token: process.env.UPSTASH_TOKEN! }); // ok: DB001
  const { rows } = await pool.query("SELECT 1");
  await upstash.incr("edge");
  c.executionCtx.waitUntil(pool.end());
  return c.json(rows);
});

fastify.register(async (instance) => {
  const pluginRedis = new Redis(process.env.REDIS_URL!); // ok: DB001
  instance.decorate("redis", pluginRedis);
});

export default { fastify, router, hono };
