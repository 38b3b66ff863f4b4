const mongoose = require("mongoose");

// ok: MIG004
const noteSchema = new mongoose.Schema({ title: String });
module.exports = { Note: mongoose.model("Note", noteSchema) };
