import { writeFileSync } from "node:fs";
import { input } from "@inquirer/prompts";

// A program that prompts in a terminal runs on the machine of whoever answers it: the
// addresses it writes into their .env are that machine's.
const port = await input({ message: "API port", default: "8080" });
// ok: URL001
const apiUrl = `http://localhost:${port}`;
// ok: URL001
const siteUrl = "http://localhost:3000";
writeFileSync(".env", `API_URL=${apiUrl}\nSITE_URL=${siteUrl}\n`);
