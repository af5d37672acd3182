import { pino, type Logger } from "pino";

export type { Logger };

/** Logs go to stderr: stdout belongs to the console adapter's replies. */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
