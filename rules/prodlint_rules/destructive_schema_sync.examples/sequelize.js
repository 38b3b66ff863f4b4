const express = require("express");
const db = require("./models");

const app = express();

// expect: MIG001
db.sequelize.sync({ force: true }).then(() => {
  app.listen(process.env.PORT);
});

async function start() {
  await db.sequelize.sync({ alter: true, logging: false }); // expect: MIG001
  await db.User.sync({ logging: console.log, force: true }); // expect: MIG001
}

async function startSafely() {
  await db.sequelize.sync(); // ok: MIG001
  await db.sequelize.sync({ logging: false }); // ok: MIG001
  await db.sequelize.sync({ force: false }); // ok: MIG001
  await db.sequelize.sync({ force: process.env.NODE_ENV === "test" }); // ok: MIG001
  if (process.env.NODE_ENV !== "production") {
    await db.sequelize.sync({ alter: true }); // ok: MIG001
  }
}

module.exports = { start, startSafely };
