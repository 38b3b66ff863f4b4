const express = require("express");
const cors = require("cors");
const todos = require("./routes/todos");

const app = express(); // expect: RATE001
app.use(cors());
app.use(express.json());
app.use("/api/todos", todos);

app.listen(process.env.PORT || 3000);
