const express = require("express");
const path = require("path");

// serves a built single-page app: pages only, no API
const app = express(); // ok: RATE001
app.use(express.static(path.join(__dirname, "dist")));
app.get("*", (req, res) => res.sendFile(path.join(__dirname, "dist", "index.html")));
app.listen(3000);
