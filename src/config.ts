import proxyaddr from 'proxy-addr';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const intFrom = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${name} must be a whole number from ${min} to ${max}, got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .refine((url) => url === undefined || url === '' || /^postgres(ql)?:\/\/.+/.test(url), {
      message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    }),
  PORT: intFrom('PORT', 0, 65535, 4000),
  HOST: z.string().optional().default('0.0.0.0'),
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('development'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { errorMap: () => ({ message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }) })
    .optional()
    .default('info'),
  SESSION_TTL_MINUTES: intFrom('SESSION_TTL_MINUTES', 1, 60 * 24 * 90, 12 * 60),
  MAX_QUERY_DEPTH: intFrom('MAX_QUERY_DEPTH', 2, 50, 12),
  // Fields a response may hold, each list counted by its first/last (src/server/query-cost.ts): a page of
  // 500 with a dozen fields per node costs about 6,000; five such pages in one query are refused.
  MAX_QUERY_COST: intFrom('MAX_QUERY_COST', 100, 1_000_000_000, 20_000),
  MAX_QUERY_ALIASES: intFrom('MAX_QUERY_ALIASES', 1, 1000, 30),
  // Tokens of a query document (names, punctuation, values written in it): a longer one is refused before it is
  // parsed unless it is an authenticated caller's bulk mutation (src/server/body-limit.ts), so no document holds the
  // event loop long before any other limit is checked; bulk data belongs in variables.
  MAX_QUERY_TOKENS: intFrom('MAX_QUERY_TOKENS', 100, 10_000_000, 10_000),
  EMBEDDED_PG_DIR: z.string().optional().default('.data/pg'),
  EMBEDDED_PG_PORT: intFrom('EMBEDDED_PG_PORT', 1024, 65535, 54329),
  DEMO_DATA: z.enum(['true', 'false']).optional().default('true'),
  // Whether this instance keeps the periodic jobs' cron schedules and queues the runs due at start (every instance works the queue).
  JOB_SCHEDULES: z.enum(['true', 'false']).optional().default('true'),
  // Work bound of the backup-supplier selector's exact search (src/modules/sourcing/selector.ts WORK_BUDGET, ~100 ms):
  // past it a proposal is the best plan found, marked not proven optimal, and never applied automatically.
  SELECTOR_WORK_BUDGET: intFrom('SELECTOR_WORK_BUDGET', 1, 10_000_000, 250_000),
  ALERT_RETENTION_DAYS: intFrom('ALERT_RETENTION_DAYS', 1, 3650, 30),
  ALERT_POLL_INTERVAL_MS: intFrom('ALERT_POLL_INTERVAL_MS', 100, 60_000, 2_000),
  CREDENTIAL_CHECK_INTERVAL_MS: intFrom('CREDENTIAL_CHECK_INTERVAL_MS', 200, 60_000, 4_000),
  // On SIGTERM/SIGINT: how long /readyz answers 503 before the server stops accepting (a load balancer's time to notice),
  // then how long requests in flight may take before their connections are cut.
  SHUTDOWN_DELAY_MS: intFrom('SHUTDOWN_DELAY_MS', 0, 120_000, 0),
  SHUTDOWN_GRACE_MS: intFrom('SHUTDOWN_GRACE_MS', 100, 600_000, 30_000),
  // WebSocket limits (DESIGN.md "Bounds").
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: intFrom('WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', 1, 10_000, 100),
  WS_MAX_CONNECTIONS_PER_CREDENTIAL: intFrom('WS_MAX_CONNECTIONS_PER_CREDENTIAL', 1, 10_000, 50),
  WS_AUTH_TIMEOUT_MS: intFrom('WS_AUTH_TIMEOUT_MS', 100, 60_000, 3_000),
  // Sign-in throttling (DESIGN.md "Bounds"), shared by every instance through PostgreSQL.
  LOGIN_MAX_FAILURES_PER_ACCOUNT: intFrom('LOGIN_MAX_FAILURES_PER_ACCOUNT', 1, 10_000, 10),
  LOGIN_MAX_FAILURES_PER_ADDRESS: intFrom('LOGIN_MAX_FAILURES_PER_ADDRESS', 1, 100_000, 100),
  LOGIN_FAILURE_WINDOW_SECONDS: intFrom('LOGIN_FAILURE_WINDOW_SECONDS', 1, 7 * 24 * 3600, 15 * 60),
  LOGIN_LOCK_SECONDS: intFrom('LOGIN_LOCK_SECONDS', 1, 7 * 24 * 3600, 15 * 60),
  // Webhooks (src/modules/webhooks): private, loopback and link-local receivers (and plain http) are refused unless
  // allowed; the default allows them only outside production (tests post to 127.0.0.1).
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z.enum(['true', 'false']).optional(),
  WEBHOOK_RETRY_BASE_MS: intFrom('WEBHOOK_RETRY_BASE_MS', 1, 3_600_000, 5_000),
  WEBHOOK_RETRY_MAX_MS: intFrom('WEBHOOK_RETRY_MAX_MS', 1, 86_400_000, 3_600_000),
  WEBHOOK_FAILURE_WINDOW_SECONDS: intFrom('WEBHOOK_FAILURE_WINDOW_SECONDS', 1, 30 * 86_400, 86_400),
  WEBHOOK_TIMEOUT_MS: intFrom('WEBHOOK_TIMEOUT_MS', 100, 60_000, 10_000),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, ctx): TrustProxy => {
      const value = raw?.trim() ?? '';
      if (value === '' || value === 'false') return false;
      if (/^\d+$/.test(value)) return Number(value);
      if (value === 'true') {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'TRUST_PROXY=true would let any client pick its own address with X-Forwarded-For (and escape per-address sign-in throttling): ' +
            'give the number of proxies in front of the server (e.g. 1) or their addresses (e.g. loopback, 10.0.0.0/8)',
        });
        return z.NEVER;
      }
      const list = value.split(',').map((part) => part.trim()).filter(Boolean);
      try {
        proxyaddr.compile(list);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `TRUST_PROXY must be false, a number of proxies or a comma-separated list of addresses/subnets (${(err as Error).message})` });
        return z.NEVER;
      }
      return list;
    }),
});

/**
 * Which proxies' X-Forwarded-For the server believes when it decides a
 * client's address (sign-in throttling per address): false (default, the
 * socket's peer), the number of proxies in front, or their addresses and
 * subnets (proxy-addr's names loopback, linklocal, uniquelocal allowed).
 */
export type TrustProxy = false | number | string[];

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Undefined means: start the embedded PostgreSQL under embeddedPgDir. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  env: 'development' | 'production' | 'test';
  logLevel: LogLevel;
  sessionTtlMinutes: number;
  limits: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number };
  /** dirIsDefault: EMBEDDED_PG_DIR is not set (started by root, an unreachable default falls back to the temporary directory). */
  embeddedPg: { dir: string; port: number; dirIsDefault: boolean };
  loadDemoData: boolean;
  /** This instance schedules the periodic jobs (cron) and queues the runs due at start; false: it only works the queue. */
  jobSchedules: boolean;
  alerts: { retentionDays: number; pollIntervalMs: number };
  /** The selector's work bound (states searched per proposal). */
  selector: { workBudget: number };
  /** How often open WebSocket credentials are re-checked (revocations are also pushed at once). */
  credentialCheckIntervalMs: number;
  /** Shutdown: /readyz answers 503 for `delayMs` before the server stops accepting; requests in flight then have `graceMs` to finish. */
  shutdown: { delayMs: number; graceMs: number };
  webSocket: {
    /** Operations (subscriptions, and queries while they run) open at once on one connection. */
    maxSubscriptionsPerConnection: number;
    /** Open connections per credential (session or API key), per instance. */
    maxConnectionsPerCredential: number;
    /** A connection that has not authenticated by then is closed (no connection_init, or one without a credential). */
    authTimeoutMs: number;
  };
  login: {
    maxFailuresPerAccount: number;
    maxFailuresPerAddress: number;
    /** Failures count within a window that starts at the first one. */
    failureWindowSeconds: number;
    /** How long an account or address stays locked once it went over its limit. */
    lockSeconds: number;
  };
  trustProxy: TrustProxy;
  /** Signed webhooks: the SSRF guard (off only when allowPrivateAddresses), retry backoff, the 24-hour window, the receiver's timeout. */
  webhooks: { allowPrivateAddresses: boolean; retryBaseMs: number; maxRetryMs: number; failureWindowMs: number; timeoutMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ? e.DATABASE_URL : undefined,
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxCost: e.MAX_QUERY_COST, maxAliases: e.MAX_QUERY_ALIASES, maxTokens: e.MAX_QUERY_TOKENS },
    embeddedPg: { dir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT, dirIsDefault: !env.EMBEDDED_PG_DIR },
    loadDemoData: e.DEMO_DATA === 'true',
    jobSchedules: e.JOB_SCHEDULES === 'true',
    alerts: { retentionDays: e.ALERT_RETENTION_DAYS, pollIntervalMs: e.ALERT_POLL_INTERVAL_MS },
    selector: { workBudget: e.SELECTOR_WORK_BUDGET },
    credentialCheckIntervalMs: e.CREDENTIAL_CHECK_INTERVAL_MS,
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, graceMs: e.SHUTDOWN_GRACE_MS },
    webSocket: {
      maxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxConnectionsPerCredential: e.WS_MAX_CONNECTIONS_PER_CREDENTIAL,
      authTimeoutMs: e.WS_AUTH_TIMEOUT_MS,
    },
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      failureWindowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
      lockSeconds: e.LOGIN_LOCK_SECONDS,
    },
    trustProxy: e.TRUST_PROXY,
    webhooks: {
      allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === undefined ? e.NODE_ENV !== 'production' : e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true',
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      maxRetryMs: e.WEBHOOK_RETRY_MAX_MS,
      failureWindowMs: e.WEBHOOK_FAILURE_WINDOW_SECONDS * 1000,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
  };
}
