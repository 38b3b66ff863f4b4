const express = require("express");
const cors = require("cors");
const todos = require("./routes/todos");
const { rateLimit } = require("express-rate-limit");

const app = express(); // expect: RATE001

const apiLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 100,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  message: { error: "Too many requests, please try again later." },
});
app.use(apiLimiter);

app.use(cors());
app.use(express.json());
app.use("/api/todos", todos);

app.listen(process.env.PORT || 3000);
