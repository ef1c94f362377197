/**
 * Wraps a stream factory so that when the consumer stops (graphql-ws calls
 * return() on completion or disconnect) the stream is aborted at once, even
 * while it is waiting for the next event rather than paused at a yield.
 */
export function abortableStream<T>(factory: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = factory(controller.signal);
  return {
    next: () => inner.next(),
    return: async (value?: unknown) => {
      controller.abort();
      return inner.return(value as T);
    },
    throw: async (err?: unknown) => {
      controller.abort();
      return inner.throw(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
