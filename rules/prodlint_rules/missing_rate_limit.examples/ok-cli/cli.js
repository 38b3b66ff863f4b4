#!/usr/bin/env node
const { program } = require("commander");

program.command("post <file>").action((file) => process.stdout.write(file)); // ok: RATE001
program.parse();
