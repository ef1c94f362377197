import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';

/** Apollo's request listener with hooks that may answer at once: a hook returns its value, or a promise of it. */
export type RequestListener<C extends BaseContext> = {
  [K in keyof GraphQLRequestListener<C>]?: NonNullable<GraphQLRequestListener<C>[K]> extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R | Promise<R>
    : GraphQLRequestListener<C>[K];
};

/** A plugin that only listens to requests, and may answer without a promise: what `requestPlugins` composes. */
export interface RequestPlugin<C extends BaseContext> {
  requestDidStart(requestContext: GraphQLRequestContext<C>): RequestListener<C> | void | Promise<RequestListener<C> | void>;
}

type AnyHook = (...args: unknown[]) => unknown;
type Hooks = Record<string, AnyHook | undefined>;

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown>)?.then === 'function';

/**
 * Calls every hook with `args`, as Apollo's Promise.all over its listeners
 * does: each is called even when one before it throws (a throw counts as a
 * rejection, as an async hook's would), and `then` gets the values once all
 * are ready: at once, without a promise, when no hook returned one.
 */
function callAll<T>(hooks: AnyHook[], args: unknown[], then: (values: unknown[]) => T): T | Promise<T> {
  const values = hooks.map((hook) => {
    try {
      return hook(...args);
    } catch (err) {
      return Promise.reject(err);
    }
  });
  return values.some(isPromise) ? Promise.all(values).then(then) : then(values);
}

/** Hooks that return an end hook (Apollo calls the end hooks last-started first, with the phase's outcome). */
const DID_START = new Set(['parsingDidStart', 'validationDidStart']);
/**
 * Every hook of Apollo 5's request listener and execution listener, each
 * composed as its kind needs: what to do with a hook not in this list is
 * not known, so a listener that has one is refused (oneListener).
 */
const KNOWN_HOOKS = new Set([
  'didResolveSource', 'parsingDidStart', 'validationDidStart', 'didResolveOperation', 'didEncounterErrors', 'responseForOperation',
  'executionDidStart', 'willSendResponse', 'didEncounterSubsequentErrors', 'willSendSubsequentPayload',
  'executionDidEnd', 'willResolveField',
]);

/**
 * Apollo Server's request plugins as one plugin with one request listener,
 * each hook calling the plugins' own in their order, as Apollo would call
 * them: all started at once (a failing hook fails the phase; the others
 * still ran), end hooks of parsing and validation called last-started
 * first, `responseForOperation` the first non-null answer, execution
 * listeners merged. Apollo awaits every hook of every listener for every
 * request, a Promise.all or a loop per phase, hook or no hook, and an async
 * hook makes promises of its own: our six plugins (with Apollo's inline-trace
 * plugin, now disabled in app.ts) made about 58 of the 165 promises of
 * `{ __typename }` (counted with an async_hooks init hook), each with
 * async_hooks' bookkeeping (on for good under MikroORM's
 * AsyncLocalStorage). Here a hook that has nothing to wait for answers at
 * once, and no promise is made unless one of them returns one.
 *
 * Only request plugins: a plugin with server hooks (serverWillStart, ...)
 * goes to Apollo on its own.
 */
export function requestPlugins<C extends BaseContext>(plugins: RequestPlugin<C>[]): ApolloServerPlugin<C> {
  const starts = plugins.map((plugin) => plugin.requestDidStart.bind(plugin) as AnyHook);
  return {
    requestDidStart(requestContext) {
      return Promise.resolve(callAll(starts, [requestContext], (listeners) => oneListener(listeners.filter(Boolean) as Hooks[]) as GraphQLRequestListener<C> | undefined));
    },
  };
}

/**
 * The listeners' hooks as one listener's (see requestPlugins), or nothing
 * when none listens. The listener is made from its entries in one step
 * (Object.fromEntries), never by assigning each hook, a new closure every
 * request, to a property of an empty object (`one[name] = () => ...`): V8
 * keeps what such a closure holds (the request's context, its entity
 * manager, its rows) alive through every young-generation collection until
 * a full one, so every request's objects were promoted to the old
 * generation (README, Session 26 under Side by side: our plugins'
 * requestDidStart alone promoted 1.46 MB a scavenge under `{ __typename }`
 * from one connection, 11 KB after).
 */
function oneListener(listeners: Hooks[]): Hooks | undefined {
  if (listeners.length === 0) return undefined;
  for (const listener of listeners) {
    const unknown = Object.keys(listener).filter((name) => !KNOWN_HOOKS.has(name));
    if (unknown.length) throw new Error(`requestPlugins does not know how to compose the hook ${unknown.join(', ')}`);
  }
  const hooks: [string, AnyHook][] = [];
  for (const name of KNOWN_HOOKS) {
    // Read as Apollo reads them: a hook may be an own property or come from the listener's prototype.
    const members = listeners.filter((listener) => typeof listener[name] === 'function').map((listener) => listener[name]!.bind(listener) as AnyHook);
    if (members.length === 0) continue;
    hooks.push([name, merged(name, members)]);
  }
  return Object.fromEntries(hooks);
}

/** One hook calling `members` (the listeners' own `name` hooks) as Apollo would call each. */
function merged(name: string, members: AnyHook[]): AnyHook {
  if (name === 'responseForOperation') {
    return async (...args) => {
      for (const member of members) {
        const value = await member(...args);
        if (value != null) return value;
      }
      return null;
    };
  }
  if (DID_START.has(name)) return (...args) => callAll(members, args, endHooksInReverse);
  // Apollo keeps execution listeners last-started first: merged in that order, they run as Apollo would run them.
  if (name === 'executionDidStart') return (...args) => callAll(members, args, (values) => oneListener(values.filter(Boolean).reverse() as Hooks[]));
  // An execution listener's: synchronous, like the end hooks it returns.
  if (name === 'willResolveField') return (...args) => endHooksInReverse(members.map((member) => member(...args)));
  return (...args) => callAll(members, args, () => undefined);
}

/** End hooks called last-started first, as Apollo's invokeDidStartHook does; undefined when no hook returned one. */
function endHooksInReverse(values: unknown[]): AnyHook | undefined {
  const ends = values.filter((value): value is AnyHook => typeof value === 'function').reverse();
  if (ends.length === 0) return undefined;
  return (...args) => {
    for (const end of ends) end(...args);
  };
}
