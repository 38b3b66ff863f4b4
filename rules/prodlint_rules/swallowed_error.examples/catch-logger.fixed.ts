import pino from "pino"

const logger = pino()

export async function sync(): Promise<void> {
  try {
    await pull()
  } catch (e) {
    /* later */
    logger.error(e)
  } // expect: ERR004
}

export function parse(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch (error) { // ok: ERR004
    throw new Error(`bad payload: ${String(error)}`)
  }
}
