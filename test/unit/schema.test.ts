import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse, specifiedRules, validate } from 'graphql';
import { loadConfig } from '../../src/config';
import { limitRules } from '../../src/server/limits';
import { costLimitRule } from '../../src/server/query-cost';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { printSdl } from '../../src/schema';
import { compareWithContract, parseSdl } from '../contract/compare';
import { isPending, stalePending } from '../contract/pending';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('emitted schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema:emit` after changing resolvers)', async () => {
    expect(await printSdl()).toBe(read('schema/schema.graphql'));
  });

  it('keeps schema/contract.graphql identical to the shared contract', () => {
    const shared = path.resolve(root, '../shared/contract.graphql');
    if (existsSync(shared)) expect(read('schema/contract.graphql')).toBe(readFileSync(shared, 'utf8'));
  });

  it('has every implemented contract type, field, argument, input field and enum value with a compatible type', async () => {
    const findings = compareWithContract(parseSdl(read('schema/contract.graphql')), parseSdl(await printSdl()));
    const problems = [...findings.values()].filter((f) => !isPending(f.coordinate));
    expect(problems).toEqual([]);
  });

  it('lists as pending only what is really still missing', async () => {
    const findings = compareWithContract(parseSdl(read('schema/contract.graphql')), parseSdl(await printSdl()));
    expect(stalePending(findings.keys())).toEqual([]);
  });

  it('has generated typed operations in sync with the schema and src/sdk/operations (run `npm run codegen`)', async () => {
    // The codegen CLI is ESM-heavy; run it in a plain Node process, in memory, with the committed codegen.yml.
    const script = `
      const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
      loadCodegenConfig({ configFilePath: 'codegen.yml' })
        .then(({ config }) => generate({ ...config, silent: true }, false))
        .then((files) => process.stdout.write(JSON.stringify(files)))
        .catch((err) => { console.error(err); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const files = JSON.parse(stdout) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.content).toBe(readFileSync(path.resolve(root, file.filename), 'utf8'));
  }, 60_000);
});

describe('operations within the query limits', () => {
  it('keeps every SDK and portal operation under the default depth, cost and alias limits (variables at their defaults)', () => {
    const schema = parseSdl(read('schema/schema.graphql'));
    const dir = path.join(root, 'src/sdk/operations');
    const sources = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const document = parse(sources);
    const fragments = document.definitions.filter((d) => d.kind === 'FragmentDefinition');
    const problems: string[] = [];
    for (const operation of document.definitions.filter((d) => d.kind === 'OperationDefinition')) {
      const single = { ...document, definitions: [operation, ...fragments] };
      const { limits } = loadConfig({});
      const errors = validate(schema, single, [...specifiedRules.filter((r) => r.name !== 'NoUnusedFragmentsRule'), ...limitRules(limits), costLimitRule(limits.maxCost)]);
      problems.push(...errors.map((e) => `${'name' in operation ? operation.name?.value : '?'}: ${e.message}`));
    }
    expect(problems).toEqual([]);
  });
});
