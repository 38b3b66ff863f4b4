import { PrismaClient } from "@prisma/client";
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";

export async function GET() {
  const client = new PrismaClient(); // expect: DB001
  const orders = await client.order.findMany();
  await client.$disconnect();
  return NextResponse.json(orders);
}

export async function POST(req: Request) {
  const order = await prisma.order.create({ data: await req.json() }); // ok: DB001
  return NextResponse.json(order, { status: 201 });
}
