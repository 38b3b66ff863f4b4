const express = require("express");
const { sequelize } = require("./models/post");
const app = express();
sequelize.sync().then(() => app.listen(process.env.PORT));
