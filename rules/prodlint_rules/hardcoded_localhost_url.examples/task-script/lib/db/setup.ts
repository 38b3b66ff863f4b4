// Run by `npm run db:setup` on a developer's machine: a script wherever it sits, as in scripts/.
const BASE_URL = "http://localhost:3000"; // ok: URL001
console.log(`Open ${BASE_URL} once the database is ready`);
