import type { Server } from 'node:http';
import { execute, specifiedRules, validate, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';
import { createContext, type Caller, type RequestContext } from '../core/context';
import { beginRequest, endRequest } from '../core/transaction';
import { subscribeSharingResults } from './shared-subscription-results';
import type { Services } from './services';

type ConnectionExtra = {
  caller?: Caller | null;
};

/**
 * graphql-ws on the HTTP server's port and path. A connection authenticates
 * once with connectionParams.authorization (the same string as the HTTP
 * header); an invalid credential closes it with 4401, a revoked one with
 * 4403, and so does a revocation while it is open.
 */
export function attachWebSocket(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  rules: ValidationRule[];
  orm: Orm;
  services: Services;
  log: Logger;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}) {
  const { httpServer, schema, rules, orm, services, log, formatError } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const socketsByCredential = new Map<string, Set<WebSocket>>();
  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

  services.credentials.onEnd((credential, code, reason) => {
    for (const socket of socketsByCredential.get(credential) ?? []) socket.close(code, reason);
  });

  const cleanup = useServer<{ authorization?: string }, ConnectionExtra>(
    {
      schema,
      validate: (s, document) => validate(s, document, [...specifiedRules, ...rules]),
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
        if (!authorization) return true; // anonymous sockets may still call signUp and login
        const { caller, problem } = await services.auth.authenticate(orm.em.fork(), authorization);
        // Gone while we checked: registering it would leak it (onClose has already run).
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return false;
        if (!caller) {
          ctx.extra.socket.close(problem?.includes('revoked') ? 4403 : 4401, problem ?? 'Unauthorized');
          return false;
        }
        ctx.extra.caller = caller;
        const sockets = socketsByCredential.get(caller.credential) ?? new Set();
        sockets.add(ctx.extra.socket);
        socketsByCredential.set(caller.credential, sockets);
        return true;
      },
      onClose: (ctx) => {
        const credential = ctx.extra.caller?.credential;
        if (!credential) return;
        const sockets = socketsByCredential.get(credential);
        sockets?.delete(ctx.extra.socket);
        if (sockets?.size === 0) socketsByCredential.delete(credential);
      },
      context: (ctx): RequestContext =>
        createContext({ em: orm.em, services, log }, ctx.extra.caller ?? null,
          ctx.extra.caller ? undefined : 'Authenticate the connection with connectionParams.authorization'),
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
