import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient(); // ok: DB001

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

export function getPrisma() {
  globalForPrisma.prisma ??= new PrismaClient(); // ok: DB001
  return globalForPrisma.prisma;
}
