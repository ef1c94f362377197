import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** Structured JSON logs; credentials never reach them (see redact paths). */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'shortstop' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'password',
        '*.password',
        'variables.password',
        'variables.input.password',
        'token',
        'secret',
        'connectionParams.authorization',
        'databaseUrl',
      ],
      censor: '[redacted]',
    },
  });
}
