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

  it('names a flag as missing unless given on the command line or in NODE_OPTIONS', () => {
    const wanted = runtimeFlags();
    expect(missingRuntimeFlags([], '')).toEqual(wanted);
    expect(missingRuntimeFlags(wanted, '')).toEqual([]);
    expect(missingRuntimeFlags([], `--max-old-space-size=512 ${wanted.join(' ')}`)).toEqual([]);
  });
});
