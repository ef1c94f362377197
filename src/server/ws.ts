import type { IncomingMessage, Server } from 'node:http';
import { execute, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';
import { createContext, type Caller, type RequestContext } from '../core/context';
import { beginRequest, endRequest } from '../core/transaction';
import { webSocketValidation } from './limits';
import { subscribeSharingResults } from './shared-subscription-results';
import type { Services } from './services';

type ConnectionExtra = {
  caller?: Caller | null;
  clientAddress?: string;
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
  rules: ValidationRule[];
  orm: Orm;
  services: Services;
  log: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  limits: Config['webSocket'];
  production: boolean;
  /** The cost limit (config.limits.maxCost). */
  maxCost: number;
  /** The client's address by the same trust-proxy rule as HTTP's req.ip. */
  clientAddress: (request: IncomingMessage) => string | undefined;
}) {
  const { httpServer, schema, rules, orm, services, log, formatError, limits } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const validateMessage = webSocketValidation(rules, { production: options.production, maxCost: options.maxCost });
  const socketsByCredential = new Map<string, Set<WebSocket>>();
  const openedAt = new WeakMap<WebSocket, number>();
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));
  const authSeconds = limits.authTimeoutMs / 1000;

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

  const cleanup = useServer<{ authorization?: string }, ConnectionExtra>(
    {
      schema,
      // Without connection_init within the time, graphql-ws closes the socket with 4408.
      connectionInitWaitTimeout: limits.authTimeoutMs,
      // Queries and mutations over the socket run in one scoped transaction, like HTTP requests.
      execute: async (args) => {
        const context = args.contextValue as RequestContext;
        await beginRequest(context);
        try {
          return await execute(args);
        } finally {
          await endRequest(context);
        }
      },
      subscribe: subscribeSharingResults,
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
        // ctx.subscriptions holds every operation open on this connection, this one included.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `Too many operations open on this connection: at most ${limits.maxSubscriptionsPerConnection}; complete one first`,
              { extensions: { code: 'BAD_USER_INPUT' } },
            ),
          ];
        }
        // Validated here rather than by graphql-ws: the cost limit needs the variables.
        const checked = validateMessage(schema, payload);
        if ('errors' in checked) return checked.errors;
        return { schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onClose: (ctx) => {
        const credential = ctx.extra.caller?.credential;
        if (!credential) return;
        const sockets = socketsByCredential.get(credential);
        sockets?.delete(ctx.extra.socket);
        if (sockets?.size === 0) socketsByCredential.delete(credential);
      },
      context: (ctx): RequestContext =>
        createContext(
          { em: orm.em, services, log, clientAddress: ctx.extra.clientAddress },
          ctx.extra.caller ?? null,
          ctx.extra.caller ? undefined : 'Authenticate the connection with connectionParams.authorization',
        ),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : result),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wsServer,
  );

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
