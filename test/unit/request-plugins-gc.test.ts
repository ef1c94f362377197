import { execFileSync } from 'node:child_process';
import path from 'node:path';

/*
 * The merged request listener must not keep each request's objects alive
 * through V8's young-generation collections (scavenges). Building it by
 * assigning a new closure per hook to an empty object's property did: every
 * request's context (its entity manager, loaders and rows) survived each
 * scavenge and was promoted to the old generation, where only a full
 * collection frees it (README, Session 26 under Side by side). Measured the
 * way it was found: a child Node process with --trace-gc-nvp runs
 * requestDidStart for 20,000 "requests", each with 30 KB of its own, between
 * which nothing keeps anything; the figure is what the scavenges promoted.
 */
const compiled = path.join(__dirname, '..', '..', 'dist', 'src', 'server', 'request-plugins.js');

const script = `
const { requestPlugins } = require(${JSON.stringify(compiled)});
const plugin = { requestDidStart({ contextValue }) { return { willSendResponse() { return contextValue.rows.length; } }; } };
const merged = requestPlugins([plugin, { requestDidStart: () => ({ didResolveOperation() {} }) }]);
(async () => {
  for (let i = 0; i < 20000; i++) {
    const contextValue = { rows: Array.from({ length: 300 }, (_, n) => ({ n, text: 'row ' + n })) };
    const listener = await merged.requestDidStart({ contextValue });
    listener.willSendResponse();
  }
})();
`;

/** Bytes promoted by all scavenges of `source` run in a fresh Node with --trace-gc-nvp. */
function promotedByScavenges(source: string): { promoted: number; scavenges: number } {
  const out = execFileSync(process.execPath, ['--trace-gc-nvp', '-e', source], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let promoted = 0;
  let scavenges = 0;
  for (const line of out.split('\n')) {
    if (!/\bgc=s\b/.test(line)) continue;
    scavenges += 1;
    promoted += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0);
  }
  return { promoted, scavenges };
}

describe('requestPlugins and the garbage collector', () => {
  it('a finished request leaves nothing the scavenges promote', () => {
    const { promoted, scavenges } = promotedByScavenges(script);
    expect(scavenges).toBeGreaterThan(10);
    // 20,000 requests x 30 KB = 600 MB allocated; with the old merge about 680 KB a scavenge was promoted.
    expect(promoted / scavenges).toBeLessThan(100 * 1024);
  });

  it('the measure tells the hazard: a closure assigned to a new object property per request is promoted', () => {
    const hazard = script.replace(
      'const listener = await merged.requestDidStart({ contextValue });',
      'const listener = {}; listener.willSendResponse = () => contextValue.rows.length; await null;',
    );
    const { promoted, scavenges } = promotedByScavenges(hazard);
    expect(promoted / scavenges).toBeGreaterThan(100 * 1024);
  });
});
