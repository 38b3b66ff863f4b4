const express = require("express");
const { Pool } = require("pg");
const { MongoClient } = require("mongodb");
const mongoose = require("mongoose");

const app = express();
const shared = new Pool({ connectionString: process.env.DATABASE_URL }); // ok: DB001

app.get("/orders", async (req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: DB001
  const { rows } = await pool.query("SELECT * FROM orders");
  res.json(rows);
});

app.post("/events", async (req, res) => {
  const client = new MongoClient(process.env.MONGO_URL); // expect: DB001
  try {
    await client.connect();
    await client.db().collection("events").insertOne(req.body);
    res.sendStatus(201);
  } finally {
    await client.close();
  }
});

app.get("/tenants/:id", async (req, res) => {
  // the URL depends on the request: the client cannot simply move out
  const tenantPool = new Pool({ connectionString: req.params.id }); // expect: DB001
  res.json((await tenantPool.query("SELECT 1")).rows);
});

app.get("/users", async (req, res) => {
  await mongoose.connect(process.env.MONGO_URL); // expect: DB001
  res.json(await mongoose.model("User").find());
});

app.get("/shared", async (req, res) => {
  const conn = await shared.connect(); // ok: DB001
  try {
    res.json((await conn.query("SELECT 1")).rows);
  } finally {
    conn.release();
  }
});

app.get("/ready", async (req, res) => {
  if (mongoose.connection.readyState !== 1) {
    await mongoose.connect(process.env.MONGO_URL); // ok: DB001
  }
  res.send("ok");
});

let cachedClient = null;
app.get("/cached", async (req, res) => {
  if (!cachedClient) cachedClient = await MongoClient.connect(process.env.MONGO_URL); // ok: DB001
  res.json(await cachedClient.db().collection("x").find().toArray());
});

function makePool(config) {
  return new Pool(config); // ok: DB001
}

app.listen(3000, async () => {
  await mongoose.connect(process.env.MONGO_URL); // ok: DB001
});
