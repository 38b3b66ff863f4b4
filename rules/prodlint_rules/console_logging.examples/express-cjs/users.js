const { Pool } = require("pg");

const pool = new Pool();

async function findUser(id) {
  const { rows } = await pool.query("SELECT * FROM users WHERE id = $1", [id]);
  // expect: LOG001
  console.log(rows.length);
  return rows[0];
}

module.exports = { findUser };
