module.exports = {
  development: {
    client: "pg",
    // ok: URL001
    connection: { host: "localhost", port: 5432, database: "shop_dev", user: "shop" },
  },
  production: {
    client: "pg",
    // expect: URL001
    connection: { host: process.env.DB_HOST, port: 5432, database: "shop", user: "shop" },
  },
};
