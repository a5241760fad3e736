import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from '../model/config.js';

export type LogLevel = Config['logLevel'];

/** Quiet by default: a user sees warnings and errors, not progress chatter. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'warn';

/**
 * A pino logger writing one JSON object per line, to stderr unless told otherwise, so stdout
 * stays free for results. Writes to stderr are synchronous: a run that ends with
 * `process.exit` (second Ctrl-C) still flushes its last lines, and at the default level
 * there are few enough lines for the cost not to matter.
 */
export function createLogger(level: LogLevel = DEFAULT_LOG_LEVEL, destination?: DestinationStream): Logger {
  return pino({ name: 'citecheck', level }, destination ?? pino.destination({ fd: 2, sync: true }));
}
