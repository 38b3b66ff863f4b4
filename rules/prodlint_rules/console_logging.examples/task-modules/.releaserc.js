console.log("loading the release config"); // ok: LOG001 (a tool's rc config file)

module.exports = { branches: ["main"] };
