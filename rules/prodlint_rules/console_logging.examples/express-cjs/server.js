"use strict";
const express = require("express");
const { findUser } = require("./users");

const app = express();
const port = process.env.PORT || 3000;

app.get("/users/:id", async (req, res) => {
  try {
    res.json(await findUser(req.params.id));
  } catch (err) {
    console.error("Failed to load user:", err); // expect: LOG001
    res.status(500).json({ error: "internal" });
  }
});

app.post("/orders", (req, res) => {
  console.log("creating order", req.body.sku); // expect: LOG001
  if (process.env.NODE_ENV !== "production") {
    console.debug("order body", req.body); // ok: LOG001 (development only)
  }
  res.status(201).end();
});

app.listen(port, () => {
  console.log(`Server listening on port ${port}`); // expect: LOG001
});
