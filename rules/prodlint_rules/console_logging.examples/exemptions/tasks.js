const { program } = require("commander");

program.command("reindex").action(() => {
  console.log("reindexed"); // ok: LOG001 (a commander command-line program)
});
program.parse();
