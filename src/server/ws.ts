import type { IncomingMessage, Server } from 'node:http';
import { getOperationAST, GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import pLimit from 'p-limit';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config';
import type { Orm } from '../db/orm';
import { randomUUID } from 'node:crypto';
import { requestIds, type Logger } from '../logger';
import { createContext, type Caller, type RequestContext } from '../core/context';
import { beginOperation, endRequest } from '../core/transaction';
import { webSocketValidation } from './limits';
import { subscribeSharingResults } from './shared-subscription-results';
import type { OperationExecutor } from './compiled-execution';
import type { Services } from './services';
import { errorCode } from './format-error';
import type { RecordOperation } from './request-log';

type ConnectionExtra = {
  caller?: Caller | null;
  clientAddress?: string;
  /** Ids of the operations admitted on this connection and not ended yet (the per-connection limit counts them). */
  openOperations: Set<string>;
};

/** WebSocket close code for a connection over the per-credential limit: 1008 Policy Violation (graphql-ws clients do not retry it). */
export const TOO_MANY_CONNECTIONS = 1008;

/**
 * graphql-ws on the HTTP server's port and path. A connection authenticates
 * once with connectionParams.authorization (the same string as the HTTP
 * header); an invalid credential closes it with 4401, a revoked one with
 * 4403, and so does a revocation while it is open.
 *
 * Limits (DESIGN.md "Bounds", config.webSocket):
 * - a connection that has not authenticated within authTimeoutMs of opening
 *   closes: 4408 without connection_init (graphql-ws), 4401 with one that
 *   carried no credential (such a socket may still call signUp or login
 *   meanwhile);
 * - at most maxConnectionsPerCredential open connections per credential on
 *   this instance: the next one closes with 1008;
 * - at most maxSubscriptionsPerConnection operations open at once on one
 *   connection (subscriptions, and queries or mutations while they run): the
 *   next one is answered BAD_USER_INPUT;
 * - the same validation rules as HTTP, production's included (no
 *   introspection, no suggestions), and the same cost limit, with the
 *   message's variables.
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Executes queries and mutations, as over HTTP. */
  executor: OperationExecutor;
  rules: ValidationRule[];
  orm: Orm;
  services: Services;
  log: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  limits: Config['webSocket'];
  production: boolean;
  /** The cost limit (config.limits.maxCost). */
  maxCost: number;
  /** The most tokens a document may hold (config.limits.maxTokens). */
  maxTokens: number;
  /** The client's address by the same trust-proxy rule as HTTP's req.ip. */
  clientAddress: (request: IncomingMessage) => string | undefined;
  /** The one record of an operation (log line and metrics), as for HTTP. */
  recordOperation: RecordOperation;
}) {
  const { httpServer, schema, executor, rules, orm, services, log, formatError, limits } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const validateMessage = webSocketValidation(rules, { production: options.production, maxCost: options.maxCost, maxTokens: options.maxTokens });
  const socketsByCredential = new Map<string, Set<WebSocket>>();
  const openedAt = new WeakMap<WebSocket, number>();
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  const authSeconds = limits.authTimeoutMs / 1000;

  // One refusal for every operation over the limit: building a GraphQLError (and its stack) per refused message
  // was most of the cost of a flood of them.
  const tooManyOperations = [
    new GraphQLError(`Too many operations open on this connection: at most ${limits.maxSubscriptionsPerConnection}; complete one first`, {
      extensions: { code: 'BAD_USER_INPUT' },
    }),
  ];

  wsServer.on('connection', (socket) => openedAt.set(socket, Date.now()));

  services.credentials.onEnd((credential, code, reason) => {
    for (const socket of socketsByCredential.get(credential) ?? []) socket.close(code, reason);
  });

  /** An acknowledged socket without a credential lives until authTimeoutMs after it opened. */
  const closeWhenAuthTimeIsUp = (socket: WebSocket) => {
    const left = (openedAt.get(socket) ?? Date.now()) + limits.authTimeoutMs - Date.now();
    const close = () => socket.close(CloseCode.Unauthorized, `Unauthenticated connections close after ${authSeconds} s: send connectionParams.authorization`);
    if (left <= 0) return close();
    const timer = setTimeout(close, left);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  };

  // One credential's operations take at most OPERATIONS_AT_ONCE_PER_CREDENTIAL database connections at a time
  // (a query or mutation for its whole run, a subscription while it starts): 100 subscriptions opened at once
  // otherwise queued for the whole pool, and every other tenant's requests waited behind them.
  const limiters = new Map<string, pLimit.Limit>();
  const startingInTurn = <T>(context: RequestContext, run: () => Promise<T>): Promise<T> => {
    const key = context.caller?.credential ?? `address:${context.clientAddress ?? ''}`;
    let limit = limiters.get(key);
    if (!limit) limiters.set(key, (limit = pLimit(OPERATIONS_AT_ONCE_PER_CREDENTIAL)));
    const own = limit;
    return own(run).finally(() => {
      if (own.activeCount === 0 && own.pendingCount === 0 && limiters.get(key) === own) limiters.delete(key);
    });
  };

  // Log lines of an operation carry "<connection id>/<operation id>" as their requestId, as HTTP requests carry theirs.
  const connectionIds = new WeakMap<WebSocket, string>();
  const connectionIdOf = (socket: WebSocket) => {
    let id = connectionIds.get(socket);
    if (!id) connectionIds.set(socket, (id = randomUUID()));
    return id;
  };
  const operationIds = new WeakMap<RequestContext, string>();
  const logged = <T>(context: RequestContext, run: () => T): T => {
    const id = operationIds.get(context);
    return id ? requestIds.run(id, run) : run();
  };
  /** An operation's record once it answered (a subscription: once it started), with its requestId. */
  const record = (context: RequestContext, args: { document: DocumentNode; operationName?: string | null }, started: bigint, errors: readonly unknown[] | undefined) =>
    logged(context, () =>
      options.recordOperation(log, {
        operation: getOperationAST(args.document, args.operationName),
        operationName: args.operationName,
        caller: context.caller,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        codes: (errors ?? []).map(errorCode),
        transport: 'websocket',
      }),
    );

  const cleanup = useServer<{ authorization?: string }, ConnectionExtra>(
    {
      schema,
      // Without connection_init within the time, graphql-ws closes the socket with 4408.
      connectionInitWaitTimeout: limits.authTimeoutMs,
      // Queries and mutations over the socket run in one scoped transaction, like HTTP requests.
      execute: (args) =>
        logged(args.contextValue as RequestContext, () =>
          startingInTurn(args.contextValue as RequestContext, async () => {
            const context = args.contextValue as RequestContext;
            const started = process.hrtime.bigint();
            let errors: readonly unknown[] | undefined = [new Error('failed')];
            await beginOperation(context, getOperationAST(args.document, args.operationName)?.operation);
            try {
              const result = await executor.execute(args);
              errors = 'errors' in result ? result.errors : undefined;
              return result;
            } finally {
              await endRequest(context);
              record(context, args, started, errors);
            }
          }),
        ),
      subscribe: (args) =>
        logged(args.contextValue as RequestContext, () =>
          startingInTurn(args.contextValue as RequestContext, async () => {
            const started = process.hrtime.bigint();
            let errors: readonly unknown[] | undefined = [new Error('failed')];
            try {
              const result = await subscribeSharingResults(args);
              errors = 'errors' in result ? (result as { errors?: readonly unknown[] }).errors : undefined;
              return result;
            } finally {
              record(args.contextValue as RequestContext, args, started, errors);
            }
          }),
        ),
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        ctx.extra.caller = null;
        ctx.extra.clientAddress = options.clientAddress(ctx.extra.request);
        if (!authorization) {
          // Anonymous sockets may still call signUp and login, for a few seconds.
          closeWhenAuthTimeIsUp(ctx.extra.socket);
          return true;
        }
        const { caller, problem } = await services.auth.authenticate(orm.em.fork(), authorization);
        // Gone while we checked: registering it would leak it (onClose has already run).
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        if (!caller) {
          ctx.extra.socket.close(problem?.includes('revoked') ? 4403 : 4401, problem ?? 'Unauthorized');
          return false;
        }
        const sockets = socketsByCredential.get(caller.credential) ?? new Set();
        if (sockets.size >= limits.maxConnectionsPerCredential) {
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS, `Too many connections for this credential: at most ${limits.maxConnectionsPerCredential}`);
          return false;
        }
        ctx.extra.caller = caller;
        sockets.add(ctx.extra.socket);
        socketsByCredential.set(caller.credential, sockets);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        // Counted here, not with Object.keys(ctx.subscriptions): that holds refused operations too until their answer
        // is written, so in a burst of them counting it cost O(n) per message.
        const open = (ctx.extra.openOperations ??= new Set());
        if (open.size >= limits.maxSubscriptionsPerConnection) return tooManyOperations;
        // Validated here rather than by graphql-ws: the cost limit needs the variables.
        const checked = validateMessage(schema, payload);
        if ('errors' in checked) {
          requestIds.run(`${connectionIdOf(ctx.extra.socket)}/${_id}`, () =>
            options.recordOperation(log, { operationName: payload.operationName, caller: ctx.extra.caller, ms: 0, codes: checked.errors.map(errorCode), transport: 'websocket' }),
          );
          return checked.errors;
        }
        open.add(_id);
        return { schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onClose: (ctx) => {
        const credential = ctx.extra.caller?.credential;
        if (!credential) return;
        const sockets = socketsByCredential.get(credential);
        sockets?.delete(ctx.extra.socket);
        if (sockets?.size === 0) socketsByCredential.delete(credential);
      },
      context: (ctx, id): RequestContext => {
        const context = createContext(
          { em: orm.em, services, log, clientAddress: ctx.extra.clientAddress },
          ctx.extra.caller ?? null,
          ctx.extra.caller ? undefined : 'Authenticate the connection with connectionParams.authorization',
        );
        operationIds.set(context, `${connectionIdOf(ctx.extra.socket)}/${id}`);
        return context;
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : result),
      // An operation ends with onComplete (done, or completed by the client) or with onError.
      onComplete: (ctx, id) => void ctx.extra.openOperations?.delete(id),
      onError: (ctx, id, _payload, errors) => {
        ctx.extra.openOperations?.delete(id);
        return formatErrors(errors);
      },
    },
    wsServer,
  );
  // After useServer's own 'connection' listener, which attaches graphql-ws's message handler.
  wsServer.on('connection', paceMessages);

  return {
    /** Cuts every connection as a network failure would (tests prove that clients resume). */
    dropAll: () => wsServer.clients.forEach((socket) => socket.terminate()),
    /** Credentials held by open sockets, for the periodic validity check. */
    credentialsInUse: () => [...socketsByCredential.keys()],
    dispose: async () => {
      await cleanup.dispose();
      wsServer.close();
    },
  };
}

/** Database connections one credential's WebSocket operations hold at once (the pool has 10 by default). */
const OPERATIONS_AT_ONCE_PER_CREDENTIAL = 3;

/** Messages of one connection handled per turn of the event loop (the rest wait for the next turn). */
const MESSAGES_PER_TURN = 16;
/** Messages waiting on one connection before it stops reading from the network (TCP pushes back on the client). */
const MAX_WAITING_MESSAGES = 256;

/**
 * One connection's messages take turns with everything else on the event
 * loop. ws emits every message of a network read at once, and graphql-ws
 * starts each operation as it comes: a client sending thousands in a burst
 * held the loop for hundreds of milliseconds (every tenant waited). Here the
 * handlers graphql-ws attached get at most MESSAGES_PER_TURN messages per turn
 * (and the work those start), in order; past MAX_WAITING_MESSAGES waiting, the
 * socket is paused until they are handled. The frames sent within one turn
 * go out in one write (ws writes each frame on its own, a system call each).
 * Call after graphql-ws has attached its message listener.
 */
function paceMessages(socket: WebSocket): void {
  const handlers = socket.listeners('message') as ((data: unknown, isBinary: boolean) => void)[];
  socket.removeAllListeners('message');
  const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void; destroyed: boolean } })._socket;
  const waiting: [unknown, boolean][] = [];
  let scheduled = false;
  const turn = () => {
    scheduled = false;
    raw?.cork();
    for (let n = 0; n < MESSAGES_PER_TURN && waiting.length > 0; n++) {
      const [data, isBinary] = waiting.shift()!;
      for (const handle of handlers) handle.call(socket, data, isBinary);
    }
    if (waiting.length > 0) schedule();
    else if (socket.isPaused) socket.resume();
    // Uncorked on the next turn, once the operations started above have sent what they answer at once.
    setImmediate(() => {
      if (raw && !raw.destroyed) raw.uncork();
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  socket.on('message', (data: unknown, isBinary: boolean) => {
    waiting.push([data, isBinary]);
    if (waiting.length >= MAX_WAITING_MESSAGES && !socket.isPaused) socket.pause();
    schedule();
  });
  socket.once('close', () => (waiting.length = 0));
}
