module.exports = {
  up: async () => {
    console.log("seeding users"); // ok: LOG001 (a seeder)
  },
};
