const express = require("express");
const { Note } = require("./models/note");
const app = express();
app.listen(process.env.PORT);
