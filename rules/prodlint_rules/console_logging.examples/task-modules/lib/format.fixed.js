const logger = require("../logger");

function label(text) {
  if (!text) logger.warn("empty label"); // expect: LOG001 (the server imports this module too)
  return `[${text}]`;
}

module.exports = { label };
