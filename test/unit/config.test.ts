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
