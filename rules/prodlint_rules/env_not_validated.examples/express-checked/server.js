const express = require("express");

for (const name of ["DATABASE_URL", "JWT_SECRET"]) {
  if (!process.env[name]) {
    console.error(`Missing ${name}`);
    process.exit(1);
  }
}

const app = express();
app.get("/", (req, res) => res.send(process.env.DATABASE_URL));
app.listen(3000); // ok: SEC004
