import { Writable } from 'node:stream';
import { capLine, createLogger, MAX_LOG_LINE_BYTES, serializeError } from '../../src/logger';

/** A logger writing into an array of lines, synchronously. */
function capture(level: 'info' | 'debug' = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, stream), lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const bytes = (line: string) => Buffer.byteLength(`${line}\n`);

describe('log lines', () => {
  it('caps every line at 8 KB and keeps it one JSON object', () => {
    const { log, lines, parsed } = capture();
    const huge = new Error(`insert failed: ${'x'.repeat(1_800_000)}`);
    log.error({ err: huge, path: ['upsertItems'] }, 'unexpected error while resolving a GraphQL request');
    log.info({ many: Array.from({ length: 5_000 }, (_, i) => ({ i, text: 'é'.repeat(100) })) }, 'wide');
    log.warn('m'.repeat(20_000));
    log.info({ emoji: '😀'.repeat(10_000) }, 'four bytes each');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(bytes(line)).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    const [error, wide, long, emoji] = parsed();
    expect(error).toMatchObject({ level: 50, msg: 'unexpected error while resolving a GraphQL request', err: { type: 'Error' } });
    expect(wide).toMatchObject({ msg: 'wide', truncated: true });
    expect(String(long.msg).length).toBeLessThan(8_000);
    expect(emoji.truncated).toBe(true);
  });

  it('leaves ordinary lines alone', () => {
    const line = `${JSON.stringify({ level: 30, msg: 'graphql operation', operation: 'Me' })}\n`;
    expect(capLine(line)).toBe(line);
  });

  it('redacts credentials and never writes variables', () => {
    const { log, lines } = capture();
    log.info({ password: 'hunter2-secret', authorization: 'Bearer sst_abc', variables: { input: { password: 'p' } }, connectionParams: { authorization: 'x' } }, 'x');
    log.info({ req: { headers: { authorization: 'Bearer sst_def' } } }, 'y');
    expect(lines.join('\n')).not.toMatch(/hunter2|sst_abc|sst_def|"p"/);
  });
});

describe('errors in logs', () => {
  /** What knex and MikroORM make of a failing statement before src/db/orm.ts strips the SQL: here, the stripped form. */
  const databaseError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), { severity: 'ERROR', ...fields });

  it('keeps type, message, code and the value-free fields of a database error, nothing else', () => {
    const err = databaseError('duplicate key value violates unique constraint "app_user_email_unique"', {
      code: '23505',
      constraint: 'app_user_email_unique',
      table: 'app_user',
      detail: 'Key (email)=(someone@secret.example) already exists.',
      where: 'SQL statement "insert into app_user values (\'someone@secret.example\')"',
      internalQuery: 'insert ...',
      body: '{"query": "..."}',
    });
    const out = serializeError(err) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'Error', code: '23505', constraint: 'app_user_email_unique', table: 'app_user' });
    expect(JSON.stringify(out)).not.toMatch(/secret\.example|body|query/);
  });

  it('drops the quoted value from data exceptions (SQLSTATE class 22), in the message and the stack', () => {
    const err = databaseError('invalid input syntax for type uuid: "not-a-uuid-SECRET"', { code: '22P02', routine: 'string_to_uuid' });
    const out = serializeError(err) as { message: string; stack: string };
    expect(out.message).toBe('invalid input syntax for type uuid: "…"');
    expect(out.stack.split('\n')[0]).toBe('Error: invalid input syntax for type uuid: "…"');
    expect(JSON.stringify(out)).not.toContain('SECRET');
  });

  it('caps messages and stacks, and follows causes a few levels', () => {
    const err = new Error('y'.repeat(50_000), { cause: new Error('inner', { cause: 'text cause' }) });
    const out = serializeError(err) as { message: string; cause: { message: string; cause: string } };
    expect(out.message.length).toBeLessThan(1_100);
    expect(out.cause.message).toBe('inner');
    expect(out.cause.cause).toBe('text cause');
  });
});
