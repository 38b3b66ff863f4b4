const [, , name] = process.argv;
console.log(`hello ${name}`); // ok: LOG001 (reads process.argv: a command-line program)
