const { Sequelize, DataTypes } = require("sequelize");
const sequelize = new Sequelize(process.env.DATABASE_URL);

// expect: MIG004
const Post = sequelize.define("Post", {
  title: DataTypes.STRING,
});

module.exports = { sequelize, Post };
