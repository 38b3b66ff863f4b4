const express = require("express");
const { rateLimit } = require("express-rate-limit");
const ai = require("./routes/ai");

const app = express();
app.use("/api", rateLimit({ windowMs: 60_000, limit: 30 }));
app.use("/api/ai", ai);
app.use("/internal/ai", ai);
app.listen(3000);
