import Fastify from "fastify"
import { logger } from "./logger"

const app = Fastify({ loggerInstance: logger })

await app.listen({ port: 8080 }) // expect: ERR003
