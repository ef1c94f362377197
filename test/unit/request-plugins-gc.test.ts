import { compiled, promotedByScavenges } from '../support/scavenges';

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

const script = `
const { requestPlugins } = require(${JSON.stringify(compiled('src', 'server', 'request-plugins.js'))});
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
