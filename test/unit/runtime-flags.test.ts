import { ASYNC_CONTEXT_FRAME, missingRuntimeFlags, runtimeFlags } from '../../src/runtime-flags';

describe('runtimeFlags: the Node options npm start gives by version', () => {
  it('asks for AsyncLocalStorage on context frames where Node has them behind a flag (22.7 to 23)', () => {
    expect(runtimeFlags('22.7.0')).toEqual([ASYNC_CONTEXT_FRAME]);
    expect(runtimeFlags('22.23.5')).toEqual([ASYNC_CONTEXT_FRAME]);
    expect(runtimeFlags('23.11.1')).toEqual([ASYNC_CONTEXT_FRAME]);
  });

  it('gives nothing where the flag is unknown (20, 22 before 22.7) or the frames are the default (24 on)', () => {
    expect(runtimeFlags('20.20.2')).toEqual([]);
    expect(runtimeFlags('22.6.0')).toEqual([]);
    expect(runtimeFlags('24.0.0')).toEqual([]);
    expect(runtimeFlags('25.2.1')).toEqual([]);
  });
});

describe('missingRuntimeFlags: what a server started another way lacks', () => {
  const on22 = (execArgv: string[], nodeOptions = '') => missingRuntimeFlags(execArgv, nodeOptions, '22.23.5');

  it('names the flag when neither the command line nor NODE_OPTIONS gives it', () => {
    expect(on22([])).toEqual([ASYNC_CONTEXT_FRAME]);
    expect(on22(['--max-old-space-size=512'], '--enable-source-maps')).toEqual([ASYNC_CONTEXT_FRAME]);
  });

  it('takes it from the command line or NODE_OPTIONS, quoted or not', () => {
    expect(on22([ASYNC_CONTEXT_FRAME])).toEqual([]);
    expect(on22([], `--max-old-space-size=512 ${ASYNC_CONTEXT_FRAME}`)).toEqual([]);
    expect(on22([], `"${ASYNC_CONTEXT_FRAME}"`)).toEqual([]);
  });

  it('lets the last of the flag and its --no- form win, the command line after NODE_OPTIONS', () => {
    expect(on22([ASYNC_CONTEXT_FRAME, '--no-experimental-async-context-frame'])).toEqual([ASYNC_CONTEXT_FRAME]);
    expect(on22([], `${ASYNC_CONTEXT_FRAME} --no-experimental-async-context-frame`)).toEqual([ASYNC_CONTEXT_FRAME]);
    expect(on22([ASYNC_CONTEXT_FRAME], '--no-experimental-async-context-frame')).toEqual([]);
  });

  it('asks nothing of a Node that has no such option', () => {
    expect(missingRuntimeFlags([], '', '20.20.2')).toEqual([]);
    expect(missingRuntimeFlags([], '', '24.1.0')).toEqual([]);
  });
});
