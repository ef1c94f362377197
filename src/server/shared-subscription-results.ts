import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { RequestContext } from '../core/context';
import { runInScope } from '../core/transaction';
import { eventSelectionNeedsNoDatabase } from '../shared/event-fields';

/**
 * Each event is read afresh, in a scoped transaction of its own: a
 * subscription lives long, its caller's partnerships may change meanwhile,
 * and a context's loaders would serve stale, ever-growing caches.
 */
function executeEvent(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
  return runInScope(args.contextValue as RequestContext, async (fresh) => execute({ ...args, rootValue: event, contextValue: fresh }));
}

/**
 * An event whose selection reads only the event itself (eventSelectionNeedsNoDatabase: the scalar fields of an
 * alert) is executed without a transaction: replaying 1,000 retained alerts to a new stream then costs no round
 * trip per alert. Its context has a fresh memo and no scope entered, so a database read would see no tenant row.
 */
async function executeEventWithoutDatabase(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
  const ctx = args.contextValue as RequestContext;
  return execute({ ...args, rootValue: event, contextValue: { ...ctx, memo: new Map() } });
}

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * Executions in flight per event object, per subscription shape. An entry
 * goes as soon as its execution settles, so a result is shared only by the
 * subscribers that ask for it at the same time (the fan-out of one alert to
 * every open stream). A stream reaching the event later (one opened after a
 * partnership was suspended and resuming inside the feed's ring, or a slow
 * consumer) executes it again under its own, current visibility instead of
 * receiving what was visible before.
 */
const shared = new WeakMap<object, Map<string, Result>>();

/** Events a stream delivers before it lets the event loop take a turn (a replay of retained events has no I/O between them). */
const EVENTS_PER_TURN = 2;

function mapStream<T, R>(source: AsyncIterable<T>, fn: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  let delivered = 0;
  return {
    async next() {
      if (++delivered % EVENTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const step = await iterator.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await fn(step.value) };
    },
    return: async (value?: unknown) => (iterator.return ? ((await iterator.return(value)) as IteratorResult<R>) : { done: true, value: undefined }),
    throw: async (err?: unknown) => (iterator.throw ? ((await iterator.throw(err)) as IteratorResult<R>) : Promise.reject(err)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-ws's subscribe, executing each event once per distinct subscription
 * (same organization, same document and variables) instead of once per
 * subscriber. Alert events are the same object for every subscriber of an
 * organization on this instance, so 1,000 integrations listening to one
 * organization cost one execution per alert, not 1,000.
 */
export async function subscribeSharingResults(args: ExecutionArgs) {
  // The subscribe resolvers (resume points, first reads) run in a scoped transaction of their own.
  const source = await runInScope(args.contextValue as RequestContext, (ctx) => createSourceEventStream({ ...args, contextValue: ctx }));
  if (!(Symbol.asyncIterator in source)) return source;
  const caller = (args.contextValue as RequestContext).caller;
  const fromEvent = eventSelectionNeedsNoDatabase(args.schema, args.document, args.operationName);
  const shape = `${caller?.organizationId}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${print(args.document)}`;
  return mapStream(source as AsyncIterable<unknown>, (event) => {
    const run = () => (fromEvent ? executeEventWithoutDatabase(args, event) : executeEvent(args, event));
    if (event === null || typeof event !== 'object') return run();
    let byShape = shared.get(event);
    if (!byShape) shared.set(event, (byShape = new Map()));
    let result = byShape.get(shape);
    if (!result) {
      const running = run();
      const shapes = byShape;
      shapes.set(shape, running);
      const forget = () => {
        if (shapes.get(shape) === running) shapes.delete(shape);
      };
      running.then(forget, forget);
      result = running;
    }
    return result;
  });
}
