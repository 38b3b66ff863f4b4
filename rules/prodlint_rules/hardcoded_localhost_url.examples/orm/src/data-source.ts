import { DataSource } from "typeorm";

export const AppDataSource = new DataSource({
  type: "postgres",
  // expect: URL001
  host: "localhost",
  port: 5432,
  username: "shop",
  database: "shop",
  entities: ["dist/entities/*.js"],
});

export const Analytics = new DataSource({
  type: "mysql",
  // expect: URL001
  host: "127.0.0.1",
  database: "analytics",
});
