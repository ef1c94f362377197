import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
      env: 'development',
      logLevel: 'info',
      sessionTtlMinutes: 720,
      loadDemoData: true,
      limits: { maxDepth: 12, maxCost: 20_000, maxAliases: 30 },
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/shortstop',
      PORT: '8080',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SESSION_TTL_MINUTES: '30',
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_COST: '1000',
      DEMO_DATA: 'false',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/shortstop',
      port: 8080,
      env: 'production',
      logLevel: 'warn',
      sessionTtlMinutes: 30,
      limits: { maxDepth: 8, maxCost: 1000 },
      loadDemoData: false,
    });
  });

  it('has the limits of DESIGN.md "Bounds" by default and reads their variables', () => {
    expect(loadConfig({})).toMatchObject({
      webSocket: { maxSubscriptionsPerConnection: 100, maxConnectionsPerCredential: 50, authTimeoutMs: 3000 },
      login: { maxFailuresPerAccount: 10, maxFailuresPerAddress: 100, failureWindowSeconds: 900, lockSeconds: 900 },
      trustProxy: false,
    });
    expect(
      loadConfig({
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '20',
        WS_MAX_CONNECTIONS_PER_CREDENTIAL: '5',
        WS_AUTH_TIMEOUT_MS: '1000',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '50',
        LOGIN_FAILURE_WINDOW_SECONDS: '600',
        LOGIN_LOCK_SECONDS: '1800',
        TRUST_PROXY: '1',
      }),
    ).toMatchObject({
      webSocket: { maxSubscriptionsPerConnection: 20, maxConnectionsPerCredential: 5, authTimeoutMs: 1000 },
      login: { maxFailuresPerAccount: 5, maxFailuresPerAddress: 50, failureWindowSeconds: 600, lockSeconds: 1800 },
      trustProxy: 1,
    });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('refuses TRUST_PROXY=true (any client could pick its address) and addresses it cannot read', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would let any client pick its own address/);
    expect(() => loadConfig({ TRUST_PROXY: 'not-an-address' })).toThrow(/TRUST_PROXY must be false, a number of proxies or a comma-separated list/);
    expect(() => loadConfig({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_MAX_FAILURES_PER_ACCOUNT must be a whole number from 1/);
  });

  it('names every bad variable in one clear error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', SESSION_TTL_MINUTES: '0', NODE_ENV: 'staging' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(5);
    expect(message).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(message).toContain('SESSION_TTL_MINUTES must be a whole number from 1');
    expect(message).toContain('NODE_ENV');
    // The URL may hold a password: the message never echoes it.
    expect(message).not.toContain('mysql://x');
  });
});
