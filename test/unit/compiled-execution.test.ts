import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { getSchema } from '../../src/schema';
import { compileCost } from '../../src/server/compiled-execution';

/**
 * Which queries run compiled (graphql-jit) is decided by their compile cost,
 * before anything is compiled: compiling runs in one turn of the event loop.
 */
const costOf = async (text: string) => {
  const document = parse(text);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return compileCost(await getSchema(), document, operation);
};

describe('compile cost', () => {
  it('counts fields, fragments where they are spread, and an interface field\'s selection once per possible type', async () => {
    expect(await costOf('{ me { id email } }')).toBe(3);
    expect(await costOf('fragment F on User { id email } { me { ...F } a: me { ...F } }')).toBe(6);
    // Node has many implementations: graphql-jit generates code for each, so node { id __typename } costs far more than 3.
    const node = await costOf('{ node(id: "x") { id __typename } }');
    expect(node).toBeGreaterThan(20);
    // A fragment on one type counts only under that type.
    expect(await costOf('{ node(id: "x") { ... on Item { sku } } }')).toBe(2);
  });

  it('leaves to graphql-js what would hold the event loop: many node fields, introspection', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `n${i}: node(id: "x") { id __typename }`).join(' ');
    expect(await costOf(`{ ${aliases} }`)).toBeNull();
    expect(await costOf('{ __schema { types { name } } }')).toBeNull();
    expect(await costOf('{ __type(name: "Query") { name } }')).toBeNull();
  });

  it('compiles the portal\'s and the SDK\'s list queries', async () => {
    const dir = path.resolve(__dirname, '../../src/sdk/operations');
    const document = parse(readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n'));
    const costs = new Map<string, number | null>();
    for (const operation of document.definitions) {
      if (operation.kind === Kind.OPERATION_DEFINITION && operation.operation === 'query') costs.set(operation.name!.value, compileCost(await getSchema(), document, operation));
    }
    for (const name of ['PurchaseOrders', 'PortalOrderList', 'PortalOpenOrders', 'Alerts']) expect([name, costs.get(name)]).toEqual([name, expect.any(Number)]);
  });
});
