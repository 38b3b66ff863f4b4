// A settings object for a sync feature, in a file that is not about a database.
const prefs = {
  synchronize: true, // ok: MIG001
  interval: 30,
};
module.exports = prefs;
