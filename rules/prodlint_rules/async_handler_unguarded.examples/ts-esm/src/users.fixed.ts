import { Router, type Request, type Response } from "express"
import { db } from "./db"

export const users = Router()

// expect: ERR001
users.get("/:id", async (req: Request, res: Response, next: import("express").NextFunction) => {
  try {
    const user = await db.user.findUnique({ where: { id: req.params.id } })
    res.json(user)
  } catch (err) {
    next(err)
  }
})
