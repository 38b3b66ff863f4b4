exports.up = async (knex) => {
  console.log("creating tables"); // ok: LOG001 (a migration)
};
