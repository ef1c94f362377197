import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { ormConfig } from '../../src/db/orm';
import { createLogger, MAX_LOG_LINE_BYTES } from '../../src/logger';
import { LoginDocument, SignUpDocument } from '../../src/sdk/generated/graphql';
import { sql } from '../../src/shared/sql';
import { expectError } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/** Every line a logger writes, as written. */
function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

const logs = captured();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'debug' }, undefined, { logTo: logs.stream });
});
afterAll(() => server.close());

const secret = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

function expectCleanLogs(lines: string[], secrets: string[]) {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(Buffer.byteLength(`${line}\n`)).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    expect(() => JSON.parse(line)).not.toThrow();
    for (const value of secrets) expect(line).not.toContain(value);
  }
}

describe('logs of a server at LOG_LEVEL=debug', () => {
  it('log SQL statements with placeholders, never the values, credentials or request bodies', async () => {
    const before = logs.lines.length;
    const organizationName = secret('OrgName');
    const email = `${secret('mail')}@example.test`.toLowerCase();
    const password = secret('Password-long-enough');
    const { signUp } = await server.ok(SignUpDocument, { input: { organizationName, kind: 'RETAILER', email, password } });
    expectError(await server.gql(LoginDocument, { email, password: `${password}-wrong` }), 'UNAUTHENTICATED');
    await server.ok(LoginDocument, { email, password });
    const lines = logs.lines.slice(before);

    const statements = lines.map((l) => JSON.parse(l) as { msg: string; sql?: string }).filter((l) => l.msg === 'sql statement');
    expect(statements.some((s) => /insert into "organization"|INSERT INTO organization/i.test(s.sql ?? ''))).toBe(true);
    expect(statements.some((s) => /auth_user_by_email\(\$1\)/.test(s.sql ?? ''))).toBe(true);
    expect(lines.some((l) => l.includes('"msg":"graphql operation"'))).toBe(true);
    expectCleanLogs(lines, [organizationName, email, password, signUp.token]);
  });

  it('log a failed statement\'s error without its SQL or the values in it, within the line cap', async () => {
    const own = captured();
    const log = createLogger('debug', own.stream);
    const value = secret('NotANumber');
    const huge = '9'.repeat(2_000_000);
    for (const param of [value, huge]) {
      const err = await sql(server.orm.em.fork(), 'SELECT $1::int AS n', [param]).then(() => undefined, (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      // The statement (sent with its values inlined) is gone from the error itself, not only from the log.
      expect(err!.message).not.toMatch(/SELECT/i);
      expect(err!.stack).not.toMatch(/SELECT/i);
      log.error({ err }, 'unexpected error while resolving a GraphQL request');
    }
    expect(own.lines).toHaveLength(2);
    expectCleanLogs(own.lines, [value, '9'.repeat(50)]);
    expect(JSON.parse(own.lines[0])).toMatchObject({ err: { code: '22P02', message: 'invalid input syntax for type integer: "…"' } });
  });
});

describe('MikroORM logging per level', () => {
  const url = 'postgresql://u@127.0.0.1:1/x';
  it('logs no statements below debug, and statements without parameter values at debug', () => {
    expect(ormConfig(url, { log: createLogger('info', captured().stream) }).debug).toBe(false);
    expect(ormConfig(url, { log: createLogger('debug', captured().stream) }).debug).toEqual(['query']);
    expect(ormConfig(url, { onQuery: () => undefined }).debug).toEqual(['query']);
  });
});
