const { Sequelize, DataTypes } = require("sequelize");
const sequelize = new Sequelize(process.env.DATABASE_URL);

// ok: MIG004
const Post = sequelize.define("Post", {
  title: DataTypes.STRING,
});

module.exports = { sequelize, Post };
