import { app } from "./app.js";

const server = app.listen(3000);
process.on("SIGTERM", () => server.close());
