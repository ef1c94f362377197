import { compareWithContract, parseSdl } from '../contract/compare';
import { isPending, stalePending } from '../contract/pending';

const contract = parseSdl(`
  enum Color { RED GREEN }
  input Filter { color: Color, limit: Int = 10, name: String! }
  type Thing { id: ID! label: String tags: [String!]! }
  type Query { things(filter: Filter, first: Int = 50): [Thing!]! thing(id: ID!): Thing }
`);

describe('compareWithContract', () => {
  it('accepts an implementation that is equal or safely stricter/looser', () => {
    const actual = parseSdl(`
      enum Color { RED GREEN BLUE }
      input Filter { color: Color, limit: Int = 10, name: String, extra: Int }
      type Thing { id: ID! label: String! tags: [String!]! more: Int }
      type Query { things(filter: Filter, first: Int = 50, after: String): [Thing!]! thing(id: ID!): Thing other: Int }
    `);
    expect([...compareWithContract(contract, actual).keys()]).toEqual([]);
  });

  it('reports every incompatibility by coordinate', () => {
    const actual = parseSdl(`
      enum Color { RED }
      input Filter { color: Color!, limit: Int = 5 }
      type Thing { id: ID label: Int tags: [String!]! }
      type Query { things(filter: Filter, first: Int = 50, required: Int!): [Thing!]! }
    `);
    expect([...compareWithContract(contract, actual).keys()].sort()).toEqual([
      'Color.GREEN',
      'Filter.color',
      'Filter.limit',
      'Filter.name',
      'Query.thing',
      'Query.things(required:)',
      'Thing.id',
      'Thing.label',
    ]);
  });

  it('reports a missing implemented interface as "Type implements Interface"', () => {
    const withNode = parseSdl(`
      interface Node { id: ID! }
      type Thing implements Node { id: ID! }
      type Query { node(id: ID!): Node thing: Thing }
    `);
    const actual = parseSdl(`
      interface Node { id: ID! }
      type Thing { id: ID! }
      type Query { node(id: ID!): Node thing: Thing }
    `);
    expect([...compareWithContract(withNode, actual).keys()]).toEqual(['Thing implements Node']);
    expect([...compareWithContract(withNode, withNode).keys()]).toEqual([]);
  });
});

describe('pending contract coordinates', () => {
  const pending = { Widget: 'issue 1', 'Query.things': 'issue 2', 'Color.BLUE': 'issue 3', 'Thing implements Node': 'issue 4', 'Filter.name': 'issue 5' };

  it('covers a whole type, a field with its arguments, an input field, an enum value and an interface', () => {
    const covered = ['Widget', 'Widget.size', 'Query.things', 'Query.things(after:)', 'Color.BLUE', 'Thing implements Node', 'Filter.name'];
    expect(covered.filter((c) => !isPending(c, pending))).toEqual([]);
    expect(['Query.thing', 'Query.thingsMore', 'Color.RED', 'Thing.id', 'Thing implements Other', 'Thing'].filter((c) => isPending(c, pending))).toEqual([]);
  });

  it('calls a key stale once the comparison no longer reports it (or, for a field, one of its arguments)', () => {
    expect(stalePending(['Widget', 'Query.things(after:)', 'Color.BLUE', 'Thing implements Node', 'Filter.name'], pending)).toEqual([]);
    // Widget exists now (only its fields are reported); Query.things is compatible; the rest is built.
    expect(stalePending(['Widget.size'], pending)).toEqual(Object.keys(pending));
  });
});
