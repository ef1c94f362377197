import type { BaseContext, GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import { requestPlugins, type RequestPlugin } from '../../src/server/request-plugins';

const context = {} as GraphQLRequestContext<BaseContext>;
type Listener = Record<string, (...args: unknown[]) => unknown>;
const listenerOf = async (plugins: RequestPlugin<BaseContext>[]) =>
  (await requestPlugins(plugins).requestDidStart!(context)) as unknown as Listener;

describe('requestPlugins: request plugins as one listener, called as Apollo calls them', () => {
  it('calls each hook in plugin order, without a promise when none returns one', async () => {
    const calls: string[] = [];
    const one = await listenerOf([
      { requestDidStart: () => ({ willSendResponse: () => void calls.push('a') }) },
      { requestDidStart: () => undefined },
      { requestDidStart: async () => ({ willSendResponse: () => void calls.push('b'), didResolveOperation: () => void calls.push('b op') }) },
    ]);
    expect(one.willSendResponse(context)).toBeUndefined();
    expect(calls).toEqual(['a', 'b']);
    expect(one.didResolveOperation(context)).toBeUndefined();
    expect(Object.keys(one).sort()).toEqual(['didResolveOperation', 'willSendResponse']);
  });

  it('waits for the hooks that return promises; a failing hook fails the phase and the others still run', async () => {
    const calls: string[] = [];
    let release!: () => void;
    const one = await listenerOf([
      { requestDidStart: () => ({ didResolveOperation: () => new Promise<void>((resolve) => (release = () => (calls.push('slow'), resolve()))) }) },
      { requestDidStart: () => ({ didResolveOperation: () => { throw new Error('too costly'); } }) },
      { requestDidStart: () => ({ didResolveOperation: () => void calls.push('after') }) },
    ]);
    const phase = one.didResolveOperation(context) as Promise<void>;
    expect(calls).toEqual(['after']);
    await expect(phase).rejects.toThrow('too costly');
    release();
    expect(calls).toEqual(['after', 'slow']);
    // All ready and none failing: a promise that resolves once the slow one does.
    const calm = await listenerOf([
      { requestDidStart: () => ({ willSendResponse: () => new Promise<void>((resolve) => setTimeout(() => (calls.push('committed'), resolve()), 5)) }) },
    ]);
    await calm.willSendResponse(context);
    expect(calls.at(-1)).toBe('committed');
  });

  it('ends parsing and validation last-started first, answers with the first non-null response, merges execution listeners', async () => {
    const calls: string[] = [];
    const one = await listenerOf([
      {
        requestDidStart: () => ({
          validationDidStart: () => async (errors?: readonly Error[]) => void calls.push(`end a ${errors?.length ?? 0}`),
          responseForOperation: async () => null,
          executionDidStart: async () => ({ executionDidEnd: async () => void calls.push('exec end a') }),
        }),
      },
      {
        requestDidStart: () => ({
          validationDidStart: async () => async () => void calls.push('end b'),
          responseForOperation: () => ({ http: { status: 200 } }) as never,
          executionDidStart: () => ({ executionDidEnd: () => void calls.push('exec end b') }),
        }),
      },
      { requestDidStart: () => ({ responseForOperation: () => { throw new Error('not reached'); } }) },
    ]);
    const end = (await one.validationDidStart(context)) as (errors?: readonly Error[]) => void;
    end([new Error('x')]);
    expect(calls).toEqual(['end b', 'end a 1']);
    await expect(one.responseForOperation(context)).resolves.toEqual({ http: { status: 200 } });
    const execution = (await one.executionDidStart(context)) as GraphQLRequestListener<BaseContext> & Listener;
    await execution.executionDidEnd();
    expect(calls.slice(2)).toEqual(['exec end b', 'exec end a']);
  });

  it('answers no listener when no plugin listens', async () => {
    expect(await requestPlugins([{ requestDidStart: () => undefined }]).requestDidStart!(context)).toBeUndefined();
  });
});

describe('requestPlugins: listeners it cannot compose', () => {
  it('reads hooks from a listener class prototype, and refuses a hook it does not know', async () => {
    const calls: string[] = [];
    class Listener {
      willSendResponse() {
        calls.push('from the prototype');
      }
    }
    const one = await listenerOf([{ requestDidStart: () => new Listener() as never }]);
    one.willSendResponse(context);
    expect(calls).toEqual(['from the prototype']);
    await expect(listenerOf([{ requestDidStart: () => ({ willSendResponse: () => undefined, didSomethingNew: () => undefined }) as never }])).rejects.toThrow(
      'does not know how to compose the hook didSomethingNew',
    );
  });
});
