function label(text) {
  if (!text) console.warn("empty label"); // expect: LOG001 (the server imports this module too)
  return `[${text}]`;
}

module.exports = { label };
