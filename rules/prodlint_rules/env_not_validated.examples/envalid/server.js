import express from "express";
import { env } from "./env.js";

const app = express();
app.get("/", (req, res) => res.send(process.env.DATABASE_URL));
app.listen(3000); // ok: SEC004
