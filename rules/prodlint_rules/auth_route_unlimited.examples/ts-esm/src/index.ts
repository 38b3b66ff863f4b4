import express from "express";
import { apiLimiter } from "./middleware/limits.js";
import { account } from "./routes/account.js";
import { admin } from "./routes/admin.js";

const app = express();
app.use(express.json());
app.use("/v1/account", account);
app.use("/api", apiLimiter);
app.use("/api/admin", admin);

app.listen(3000);
