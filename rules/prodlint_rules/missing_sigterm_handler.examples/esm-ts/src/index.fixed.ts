import express from "express"
import Redis from "ioredis"
import { prisma } from "./db"

const app = express()
const redis = new Redis(process.env.REDIS_URL as string)

app.get("/users", async (_req, res) => {
  res.json(await prisma.user.findMany())
})

const port = Number(process.env.PORT ?? 8080)
const server = app.listen(port) // expect: SIG001

function shutdown(signal: string) {
  console.log(`${signal} received: closing the HTTP server`)
  server.close(async () => {
    await Promise.allSettled([redis.quit(), prisma.$disconnect()])
    process.exit(0)
  })
  setTimeout(() => process.exit(1), 10_000).unref()
}

process.on("SIGTERM", () => shutdown("SIGTERM"))
process.on("SIGINT", () => shutdown("SIGINT"))
server.keepAliveTimeout = 65_000
