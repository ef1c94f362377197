import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** No log line is longer than this (bytes, newline included). */
export const MAX_LOG_LINE_BYTES = 8 * 1024;
const MAX_MESSAGE_CHARS = 1_000;
const MAX_STACK_CHARS = 3_000;

/**
 * Structured JSON logs. What never reaches them (DESIGN.md "Bounds"):
 * credentials (redacted paths), request bodies and variables (nothing logs
 * them), SQL parameter values (MikroORM logs statements without them, see
 * src/db/orm.ts, and errors are logged through serializeError, which keeps
 * neither SQL text nor the value-carrying fields of database errors). Every
 * line is capped at MAX_LOG_LINE_BYTES (capLine).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'shortstop' },
    // Every line written while a request is handled carries its id, whichever logger writes it (the request's
    // operation line, a service's warning, a SQL statement at debug level, Apollo's own messages).
    mixin: () => {
      const requestId = requestIds.getStore();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        // Every header that carries a credential, wherever a request's headers are logged (pino-http's req, a
        // service's own line): the session or API key, cookies, a proxy's credential.
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["proxy-authorization"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        'headers["x-api-key"]',
        'headers["proxy-authorization"]',
        'authorization',
        'password',
        '*.password',
        'variables',
        '*.variables',
        'token',
        '*.token',
        'secret',
        '*.secret',
        'connectionParams',
        'databaseUrl',
      ],
      censor: '[redacted]',
    },
    serializers: { err: serializeError },
    hooks: { streamWrite: capLine },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The id of the HTTP request being handled (X-Request-Id), for the logger's
 * mixin: the server runs each request's handling inside `requestIds.run(id, ...)`.
 */
export const requestIds = new AsyncLocalStorage<string>();

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  code?: unknown;
  [key: string]: unknown;
}

/** Fields of a PostgreSQL error that name what failed without carrying any value (detail, where, hint and internalQuery may). */
const DATABASE_ERROR_FIELDS = ['severity', 'table', 'column', 'constraint', 'dataType', 'schema', 'routine'] as const;

const isDatabaseError = (err: ErrorLike) => typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && typeof err.severity === 'string';

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…[${text.length - max} more characters]` : text);

/**
 * A database error's message without values: SQLSTATE class 22 (data
 * exceptions: invalid input syntax, out of range, bad encoding...) quotes the
 * offending value, so quoted text goes.
 */
const databaseMessage = (err: ErrorLike, message: string) => (String(err.code).startsWith('22') ? message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"') : message);

/**
 * Errors as log fields: type, message, code, stack (its first line rebuilt
 * from the cleaned message) and cause, each capped; for database errors only
 * the fields that carry no values. Everything else an error object holds
 * (bodies, SQL, parameters, request objects) stays out of the log.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return truncate(value, MAX_MESSAGE_CHARS);
  if (!value || typeof value !== 'object') return value;
  const err = value as ErrorLike;
  const type = typeof err.name === 'string' ? err.name : (value.constructor?.name ?? 'Error');
  const raw = typeof err.message === 'string' ? err.message : String(err.message ?? '');
  const database = isDatabaseError(err);
  const message = truncate(database ? databaseMessage(err, raw) : raw, MAX_MESSAGE_CHARS);
  const frames = typeof err.stack === 'string' ? err.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const out: Record<string, unknown> = { type, message };
  if (typeof err.code === 'string' || typeof err.code === 'number') out.code = err.code;
  if (database) for (const field of DATABASE_ERROR_FIELDS) if (typeof err[field] === 'string') out[field] = err[field];
  if (frames.length) out.stack = truncate(`${type}: ${message}\n${frames.join('\n')}`, MAX_STACK_CHARS);
  if (Array.isArray(err.path)) out.path = err.path.slice(0, 20);
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/**
 * pino's last step before writing a line: a line over MAX_LOG_LINE_BYTES is
 * rewritten with its long strings and arrays shortened (and `truncated:
 * true`), still one JSON object; if that is not enough, only its level,
 * time, message start and size remain.
 */
export function capLine(line: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: most lines need no measuring.
  if (line.length * 3 <= MAX_LOG_LINE_BYTES || Buffer.byteLength(line) <= MAX_LOG_LINE_BYTES) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${JSON.stringify({ msg: truncate(line, 500), truncated: true, bytes: Buffer.byteLength(line) })}\n`;
  }
  for (const limit of [1_000, 200, 50]) {
    const shortened = `${JSON.stringify({ ...(shorten(entry, limit, 0) as object), truncated: true })}\n`;
    if (Buffer.byteLength(shortened) <= MAX_LOG_LINE_BYTES) return shortened;
  }
  const { level, time, pid, hostname, service, msg } = entry;
  return `${JSON.stringify({ level, time, pid, hostname, service, msg: truncate(String(msg ?? ''), 200), truncated: true, bytes: Buffer.byteLength(line) })}\n`;
}

function shorten(value: unknown, limit: number, depth: number): unknown {
  if (typeof value === 'string') return truncate(value, limit);
  if (!value || typeof value !== 'object') return value;
  if (depth >= 5) return '[nested]';
  if (Array.isArray(value)) {
    const kept = value.slice(0, 20).map((v) => shorten(v, limit, depth + 1));
    return value.length > 20 ? [...kept, `…[${value.length - 20} more]`] : kept;
  }
  const entries = Object.entries(value);
  const kept = entries.slice(0, 50).map(([k, v]) => [truncate(k, 100), shorten(v, limit, depth + 1)]);
  return Object.fromEntries(entries.length > 50 ? [...kept, ['…', `${entries.length - 50} more fields`]] : kept);
}
