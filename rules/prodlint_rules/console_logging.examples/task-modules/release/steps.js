const { tag } = require("./git");

function bumpVersion() {
  console.log("bumping the version"); // ok: LOG001 (a module only the release program imports)
  return tag("1.0.1");
}

module.exports = { bumpVersion };
