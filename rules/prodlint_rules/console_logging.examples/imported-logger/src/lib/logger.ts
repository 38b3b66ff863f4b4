import pino from "pino";

export const logger = pino();

export function debugDump(value: unknown) {
  console.dir(value, { depth: 5 }); // ok: LOG001 (the logger module itself)
}
