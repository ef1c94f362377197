import { buildSchema, parse, specifiedRules, validate, type OperationDefinitionNode } from 'graphql';
import { costLimitRule, operationCost, type CostOptions } from '../../src/server/query-cost';

const schema = buildSchema(`
  type Query {
    things(first: Int = 500, after: String, last: Int, before: String): ThingConnection!
    tags(first: Int = 20, after: ID): [Tag!]!
    days(horizonDays: Int = 56): [Day!]!
    plain: [Tag!]!
    thing: Thing
  }
  type ThingConnection { edges: [ThingEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type ThingEdge { cursor: String! node: Thing! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Thing { id: ID! name: String! labels: [String!]! parts: [Tag!]! owner: Tag! }
  type Tag { id: ID! name: String! }
  type Day { date: String! quantity: Int! }
`);

const lists: CostOptions['lists'] = {
  'Query.tags': { bound: 'paged', counted: { argument: 'first' } },
  'Query.days': { bound: 'one per day', counted: { argument: 'horizonDays' } },
  'Thing.labels': { bound: 'at most 10', counted: 10 },
  'Thing.parts': { bound: 'at most 500', counted: 5 },
};

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return operationCost(schema, document, operation, { variables, lists });
}

describe('operationCost', () => {
  it('counts a field 1, and the fields under a list once per element', () => {
    expect(cost('{ thing { id name } }')).toBe(3);
    // tags: 1 + 20 x (id + name)
    expect(cost('{ tags { id name } }')).toBe(41);
    expect(cost('{ tags(first: 3) { id } }')).toBe(4);
  });

  it('counts a connection\'s edges by its first (default, literal or variable), not its pageInfo or totalCount', () => {
    const page = '{ edges { node { id name } } pageInfo { hasNextPage } totalCount }';
    // things: 1 + edges (1 + 500 x (node 1 + 2)) + pageInfo 2 + totalCount 1
    expect(cost(`{ things ${page} }`)).toBe(1 + 1 + 500 * 3 + 2 + 1);
    expect(cost(`{ things(first: 10) ${page} }`)).toBe(1 + 1 + 10 * 3 + 2 + 1);
    expect(cost(`query Q($n: Int) { things(first: $n) ${page} }`, { n: 7 })).toBe(1 + 1 + 7 * 3 + 2 + 1);
  });

  it('takes a variable as sent, else as the operation declares it, else the argument\'s default', () => {
    const query = 'query Q($n: Int = 4) { things(first: $n) { edges { cursor } } }';
    expect(cost(query, { n: 100 })).toBe(2 + 100);
    expect(cost(query)).toBe(2 + 4);
    expect(cost('query Q($n: Int) { things(first: $n) { edges { cursor } } }')).toBe(2 + 500);
    expect(cost('query Q($n: Int) { things(first: $n) { edges { cursor } } }', { n: null })).toBe(2 + 500);
  });

  it('pages backward by last when the query sets it', () => {
    expect(cost('{ things(last: 3) { edges { cursor } } }')).toBe(2 + 3);
    expect(cost('{ things(first: 9, last: 3) { edges { cursor } } }')).toBe(2 + 9);
  });

  it('counts a plain list by its LIST_BOUNDS entry: a stated estimate or an argument', () => {
    // parts counted 5, labels (a list of scalars) 10 values
    expect(cost('{ thing { parts { id } labels } }')).toBe(1 + (1 + 5 * 1) + 10);
    expect(cost('{ days { date quantity } }')).toBe(1 + 56 * 2);
    expect(cost('{ days(horizonDays: 365) { date } }')).toBe(1 + 365);
    // Not in the table (the list-bounds test forbids it): 100.
    expect(cost('{ plain { id } }')).toBe(1 + 100);
  });

  it('multiplies nested lists, counts fragments where they are spread and introspection as nothing', () => {
    const query = `query { things(first: 2) { edges { node { ...T } } } __typename }
      fragment T on Thing { ... on Thing { id } parts { ...Tag } }
      fragment Tag on Tag { name __typename }`;
    // edges: 1 + 2 x (node 1 + id 1 + parts (1 + 5 x 1))
    expect(cost(query)).toBe(1 + 1 + 2 * (1 + 1 + 6));
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('caps a list at the largest page any list takes: a larger first is the field\'s to refuse', () => {
    expect(cost('{ things(first: 1000000) { edges { cursor } } }')).toBe(2 + 1000);
  });

  it('survives a fragment cycle (validation reports it)', () => {
    expect(() => cost('{ thing { ...A } } fragment A on Thing { owner { id } ...A }')).not.toThrow();
  });
});

describe('costLimitRule', () => {
  it('reports an operation over the limit as a validation error naming the limit and the cost', () => {
    const document = parse('{ a: things { edges { node { id name } } } b: things { edges { node { id name } } } }');
    const errors = validate(schema, document, [...specifiedRules, costLimitRule(2000, { lists })]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Query cost limit of 2000 exceeded, found 3004/)]);
    expect(errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(validate(schema, document, [costLimitRule(5000, { lists })])).toEqual([]);
  });
});
