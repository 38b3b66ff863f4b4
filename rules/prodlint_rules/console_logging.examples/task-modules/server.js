const express = require("express");
const { label } = require("./lib/format");

const app = express();
app.get("/", (req, res) => res.send(label("ok")));
app.listen(3000, () => console.log("listening")); // expect: LOG001 (a workflow starts it, but it serves)
