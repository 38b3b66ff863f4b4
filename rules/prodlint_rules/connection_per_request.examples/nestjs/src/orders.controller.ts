import { Controller, Get, Post, Body } from "@nestjs/common";
import { Pool } from "pg";

@Controller("orders")
export class OrdersController {
  private readonly pool = new Pool(); // ok: DB001

  @Get()
  async list() {
    const pool = new Pool(); // expect: DB001
    return (await pool.query("SELECT * FROM orders")).rows;
  }

  @Post()
  async create(@Body() body: { item: string }) {
    return (await this.pool.query("INSERT INTO orders(item) VALUES ($1)", [body.item])).rows;
  }

  helper() {
    return new Pool(); // ok: DB001
  }
}
