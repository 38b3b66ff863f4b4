import { pgTable, serial, text } from "drizzle-orm/pg-core";

// expect: MIG004
export const links = pgTable("links", {
  id: serial("id").primaryKey(),
  url: text("url").notNull(),
});
