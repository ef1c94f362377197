import { compareWithContract, parseSdl } from '../contract/compare';

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
});
