const { Sequelize } = require("sequelize");

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function init() {
  await sequelize.sync({ force: true });
}

module.exports = { sequelize, init };
