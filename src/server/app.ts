import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import proxyaddr from 'proxy-addr';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import { actsAsAppRole, initOrm, type Orm } from '../db/orm';
import { requestIds, type Logger } from '../logger';
import { getSchema } from '../schema';
import { compiledExecutorGateway, OperationExecutor } from './compiled-execution';
import type { RequestContext } from '../core/context';
import { graphqlBodyParsers, TOO_LARGE_MESSAGE } from './body-limit';
import { graphqlPost } from './graphql-post';
import { createErrorFormatter, rememberDocument } from './format-error';
import { costLimitPlugin, limitRules } from './limits';
import { legacyJsonStatusPlugin } from './legacy-json-status';
import { createMetrics } from './metrics';
import { operationRecorder, requestLogPlugin, type RecordOperation } from './request-log';
import { createServices, type Services } from './services';
import { attachWebSocket } from './ws';
import { DEFAULT_PORTAL_DIR } from '../modules/portal/build';
import { portalRouter } from '../modules/portal/portal.routes';
import { ClusterBus } from '../shared/cluster-bus';
import { jobDefinitions } from './daily-jobs';
import { JobQueue } from './job-queue';
import { systemClock, type Clock } from '../core/clock';
import type { DailyTask } from '../core/jobs';
import { createContext } from '../core/context';
import { scopedTransactionPlugin } from './scoped-transaction';
import { requestPlugins, type RequestPlugin } from './request-plugins';

export interface App {
  httpServer: Server;
  services: Services;
  /** The LISTEN/NOTIFY connection (tests drop it to prove catch-up). */
  cluster: ClusterBus;
  /** The periodic jobs on the PostgreSQL job queue (tests run them with runNow). */
  jobs: JobQueue;
  /** Cuts all WebSocket connections as a network failure would (tests prove clients resume). */
  dropWebSockets(): void;
  /** Resolves with the port actually bound (PORT=0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Graceful stop: /readyz answers 503 at once (for SHUTDOWN_DELAY_MS before
   * anything else), then the server stops accepting connections, requests in
   * flight finish (cut after SHUTDOWN_GRACE_MS), WebSockets are closed with
   * 1001 (going away), and only then do the jobs, the alert bus and the
   * LISTEN connection stop. The database is the caller's to close after.
   */
  stop(): Promise<void>;
}

/**
 * The request context: the caller from the credential, its scope, a forked
 * EntityManager. The request's transaction (scope entered) opens when
 * execution starts (scopedTransactionPlugin).
 */
async function buildContext(
  orm: Orm,
  services: Services,
  log: Logger,
  authentication: Promise<Authentication>,
  clientAddress: string | undefined,
): Promise<RequestContext> {
  const base = { em: orm.em, services, log, clientAddress };
  try {
    const { caller, problem } = await authentication;
    return createContext(base, caller, problem);
  } catch (err) {
    // A failing context would be an HTTP 500 with the error text; answer UNAUTHENTICATED instead.
    log.error({ err }, 'could not verify a credential');
    return createContext(base, null, 'Could not verify the credential right now; try again');
  }
}

/** Every GraphQL response over HTTP says `cache-control: no-store` (what Apollo's cache-control plugin said for our uncacheable schema). */
const noStorePlugin: RequestPlugin<RequestContext> = {
  requestDidStart() {
    return {
      willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** Keeps each request's parsed document for the error formatter (an error's field is found in it, not in a second parse). */
const rememberDocumentsPlugin: RequestPlugin<RequestContext> = {
  requestDidStart() {
    return {
      validationDidStart({ document }) {
        rememberDocument(document);
      },
      didResolveOperation({ document }) {
        rememberDocument(document);
      },
    };
  },
};

/** A client's X-Request-Id is kept when it is a plain token of at most 64 characters. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** Requests pino-http does not log: GraphQL (its operations log their own line), the probes and /metrics. */
const UNLOGGED_PATHS = /^\/(graphql|healthz|readyz|metrics)(\/|\?|$)/i;

type Authentication = Awaited<ReturnType<Services['auth']['authenticate']>>;

/** The request's credential check, done once: the body limit may ask before the body is read, the context reuses it. */
function authenticationOf(orm: Orm, services: Services, req: IncomingMessage, locals: { authentication?: Promise<Authentication> }): Promise<Authentication> {
  locals.authentication ??= services.auth.authenticate(() => orm.em.fork(), req.headers.authorization);
  return locals.authentication;
}

/** The request's id (the client's X-Request-Id when it is a plain token, else a new UUID), answered in X-Request-Id. */
function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** A refused request's answer (malformed or oversized body, ...): a JSON error the client can read, never a stack trace. */
function refusal(log: Logger) {
  return (res: ServerResponse, status: number, message: string, err?: unknown) => {
    if (status === 500) log.error({ err }, 'unhandled HTTP error');
    const body = JSON.stringify({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  };
}

/**
 * A request to /graphql refused before an operation started (Apollo's CSRF prevention, a malformed or oversized body)
 * gets the same record as an operation: its line and its error count (BAD_REQUEST).
 */
function recordRefusal(res: ServerResponse, locals: { operationStarted?: boolean }, log: Logger, recordOperation: RecordOperation): void {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (locals.operationStarted || res.statusCode < 400) return;
    recordOperation(log, { ms: Number(process.hrtime.bigint() - started) / 1e6, codes: [res.statusCode >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'] });
  });
}

/** One HTTP server: GraphQL over HTTP and graphql-ws at /graphql, plus /healthz and /readyz. */
export async function createApp(options: {
  config: Config;
  orm: Orm;
  log: Logger;
  portalDir?: string;
  /** "Now" for the periodic jobs' checks (tests pass a clock they move). */
  clock?: Clock;
  /** Replaces the daily run's tasks (tests). */
  dailyTasks?: DailyTask[];
}): Promise<App> {
  const { config, orm, log } = options;
  const schema: GraphQLSchema = await getSchema();
  const services = createServices(config, log, options.clock ?? systemClock);
  const production = config.env === 'production';
  const rules = limitRules(config.limits);
  const formatError = createErrorFormatter(log, { hideSuggestions: production });

  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For to believe for req.ip (sign-in throttling per address); WebSocket upgrades use the same rule.
  app.set('trust proxy', config.trustProxy);
  const clientAddress = (request: IncomingMessage): string | undefined => proxyaddr(request, app.get('trust proxy fn'));
  // The common GraphQL request (a POST of a JSON body up to 1 MB) goes to Apollo without Express (./graphql-post.ts);
  // everything else, and every other path, through the Express app below.
  let plainPost: ReturnType<typeof graphqlPost<RequestContext>> | undefined;
  const httpServer = createServer((req, res) => {
    if (!plainPost?.accepts(req)) return app(req, res);
    const locals: { authentication?: Promise<Authentication>; operationStarted?: boolean } = {};
    const id = requestIdFor(req, res);
    recordRefusal(res, locals, log, recordOperation);
    plainPost.handle(req, res, locals, (answer) => requestIds.run(id, answer));
  });

  const cluster = new ClusterBus(orm.config.get('clientUrl')!, log);
  let jobs: JobQueue | undefined;
  const metrics = createMetrics(orm, services, () => jobs);
  // One record (log line and metrics) per GraphQL operation, whichever transport carried it.
  const recordOperation = operationRecorder(metrics.operations);
  // Over HTTP and WebSocket alike, queries run compiled (compiled-execution.ts).
  const executor = new OperationExecutor(schema);
  const ws = attachWebSocket({ httpServer, schema, executor, rules, orm, services, log, formatError, limits: config.webSocket, production, maxCost: config.limits.maxCost, maxTokens: config.limits.maxTokens, clientAddress, recordOperation });
  services.alertBus.start(orm, cluster);
  services.credentials.start(orm, cluster, config.credentialCheckIntervalMs, ws.credentialsInUse);
  // Sign-in throttling writes outside the request's transaction: its own small pool, so log-ins never wait on the main one.
  const throttleOrm = await initOrm(orm.config.get('clientUrl')!, { poolMax: 3, actAsAppRole: actsAsAppRole(orm) });
  services.loginThrottle.start(throttleOrm);
  await cluster.start();
  jobs = new JobQueue({
    databaseUrl: orm.config.get('clientUrl')!,
    actAsAppRole: actsAsAppRole(orm),
    deps: { orm, services, log, clock: options.clock ?? systemClock },
    definitions: jobDefinitions(options.dailyTasks),
    log,
  });
  await jobs.start({ schedule: config.jobSchedules });
  services.webhooks.start(jobs);

  const apollo = new ApolloServer<RequestContext>({
    // The schema comes with the executor, through Apollo's gateway interface.
    gateway: compiledExecutorGateway(schema, executor),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    // Apollo's own messages go through the same logger: same redaction, same line cap.
    logger: log,
    stopOnTerminationSignals: false,
    validationRules: rules,
    formatError,
    // Compact JSON: Apollo's default indents every response (2 spaces, a newline per field), which costs time and bytes.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdown.graceMs }),
      // Apollo installs its cache-control plugin by default; with a willResolveField hook it wraps every field's
      // resolver in every request. Nothing here is cacheable: answer what it answered, `no-store`, without the hook.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo installs its federation inline-trace plugin unless told not to; it answers only a gateway's trace
      // request to a subgraph, which this schema is not, but its hook runs for every request.
      ApolloServerPluginInlineTraceDisabled(),
      // One request listener for Apollo to call instead of six (requestPlugins says why).
      requestPlugins<RequestContext>([
        noStorePlugin,
        rememberDocumentsPlugin,
        legacyJsonStatusPlugin(),
        requestLogPlugin(recordOperation),
        costLimitPlugin(config.limits.maxCost),
        scopedTransactionPlugin(),
      ]),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      {
        async serverWillStart() {
          return { drainServer: async () => ws.dispose() };
        },
      },
    ],
  });
  await apollo.start();

  // A request id (the client's X-Request-Id when it is a plain token, else a new UUID), answered in X-Request-Id and
  // on every log line written while the request is handled (requestIds, the logger's mixin). GraphQL operations
  // log their own line (requestLogPlugin); the probes and /metrics none, so pino-http (a child logger and response
  // hooks per request: 6 to 12% of a small query's time) is not run for them at all.
  app.use((req, res, next) => {
    req.id = requestIdFor(req, res);
    next();
  });
  const httpLog = pinoHttp({ logger: log, genReqId: (req) => req.id });
  app.use((req, res, next) => (UNLOGGED_PATHS.test(req.url ?? '') ? next() : httpLog(req, res, next)));
  app.use((req, _res, next) => requestIds.run(String(req.id), next));
  app.get('/metrics', metrics.handler);
  app.get('/', (_req, res) => res.redirect('/portal/'));
  app.use('/portal', portalRouter(options.portalDir ?? DEFAULT_PORTAL_DIR));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  let stopping = false;
  app.get('/readyz', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      await orm.em.getConnection().execute('SELECT 1');
      res.json({ status: 'ready', database: 'reachable' });
    } catch (err) {
      log.warn({ err }, 'readiness check failed: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  app.use('/graphql', (_req, res, next) => {
    recordRefusal(res, res.locals, log, recordOperation);
    next();
  });
  const authenticated = async (req: IncomingMessage, locals: { authentication?: Promise<Authentication> }) =>
    (await authenticationOf(orm, services, req, locals)).caller !== null;
  const contextOf = (req: IncomingMessage, locals: { authentication?: Promise<Authentication>; operationStarted?: boolean }) => {
    locals.operationStarted = true;
    return buildContext(orm, services, log, authenticationOf(orm, services, req, locals), clientAddress(req));
  };
  app.use(
    '/graphql',
    ...graphqlBodyParsers((req, res) => authenticated(req, res.locals), config.limits.maxTokens),
    expressMiddleware(apollo, { context: ({ req, res }) => contextOf(req, res.locals) }),
  );
  const refuse = refusal(log);
  plainPost = graphqlPost<RequestContext>({ apollo, maxTokens: config.limits.maxTokens, authenticated, context: contextOf, refuse });
  // Malformed JSON, oversized bodies: a JSON error the client can read, never a stack trace.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    const message =
      err.type === 'entity.parse.failed' ? 'Malformed JSON body'
      : err.type === 'entity.too.large' ? TOO_LARGE_MESSAGE
      : status === 500 ? 'Internal server error' : err.message;
    refuse(res, status, message, err);
  });

  return {
    httpServer,
    services,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    cluster,
    jobs,
    dropWebSockets: ws.dropAll,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      if (config.shutdown.delayMs) await new Promise((resolve) => setTimeout(resolve, config.shutdown.delayMs));
      // Stops accepting, lets requests in flight finish, closes WebSockets (1001): they still need everything below.
      await apollo.stop();
      // A job run in progress finishes (up to its grace) before the database goes.
      services.webhooks.stop();
      await jobs.stop();
      services.credentials.stop();
      await services.alertBus.stop();
      await throttleOrm.close();
      await cluster.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
