const { sequelize } = require("../models");

sequelize.sync({ force: true }); // ok: MIG001
