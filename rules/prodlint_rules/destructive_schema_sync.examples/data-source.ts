import { DataSource } from "typeorm";
import { User } from "./entity/User";

export const AppDataSource = new DataSource({
  type: "postgres",
  url: process.env.DATABASE_URL,
  entities: [User],
  synchronize: true, // expect: MIG001
  logging: false,
});

export const DevDataSource = new DataSource({
  type: "postgres",
  url: process.env.DATABASE_URL,
  entities: [User],
  synchronize: process.env.NODE_ENV !== "production", // ok: MIG001
});

export const ReadReplica = new DataSource({
  type: "postgres",
  entities: [User],
  synchronize: false, // ok: MIG001
});
