import { execa } from "execa";
import git from "./git-client.js";

// Not a database: a git mirror and a file copier also have sync() with force.
await git.sync({ force: true }); // ok: MIG001
await execa.sync("rsync", ["-a"], { force: true }); // ok: MIG001
