import express from "express";

// A server started by a command is still a server: `localhost` is the server itself.
const app = express();
export const PAYMENTS_URL = "http://localhost:4000/charge"; // expect: URL001
app.listen(3000);
