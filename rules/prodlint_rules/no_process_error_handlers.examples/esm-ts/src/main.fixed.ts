import Fastify from "fastify"
import { logger } from "./logger"

process.on("unhandledRejection", (reason: unknown) => {
  logger.error("Unhandled promise rejection:", reason)
})

process.on("uncaughtException", (err: Error) => {
  logger.error("Uncaught exception:", err)
  process.exit(1)
})

const app = Fastify({ loggerInstance: logger })

await app.listen({ port: 8080 }) // expect: ERR003
