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
server.keepAliveTimeout = 65_000
