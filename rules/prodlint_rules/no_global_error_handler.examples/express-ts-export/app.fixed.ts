import express from "express"
import { router } from "./routes"

export function createApp() {
  const app = express() // expect: ERR002
  app.use(express.json())
  app.use("/api", router)

  app.use((err: any, req: express.Request, res: express.Response, next: express.NextFunction) => {
    console.error(err)
    if (res.headersSent) return next(err)
    const status = err.status || err.statusCode || 500
    res.status(status).json({ error: status < 500 ? err.message : "Internal Server Error" })
  })

  return app
}
