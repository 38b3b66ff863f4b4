const express = require("express");
const mongoose = require("mongoose");

mongoose.connect(process.env.MONGODB_URI);

const app = express();
app.use(express.json());

app.get("/notes", async (req, res) => {
  res.json({ notes: [], owner: process.env.ADMIN_EMAIL });
});

module.exports = app;
