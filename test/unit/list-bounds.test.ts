import 'reflect-metadata';
import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { getSchema } from '../../src/schema';
import { LIST_BOUNDS } from '../../src/server/list-bounds';

/**
 * Every list that can grow is paged or bounded (DESIGN.md "Bounds"): a list
 * field of the schema is either the edges of a connection (paged by
 * first/last) or listed in LIST_BOUNDS with what bounds it and how the cost
 * limit counts it. A new list field fails here until it is one or the other.
 */
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

type Field = GraphQLField<unknown, unknown>;

function fieldsOf(type: GraphQLNamedType): [string, Field][] {
  if (isIntrospectionType(type) || !(isObjectType(type) || isInterfaceType(type))) return [];
  return Object.values(type.getFields()).map((field) => [`${type.name}.${field.name}`, field]);
}

const allFields = () => Object.values(schema.getTypeMap()).flatMap(fieldsOf);
const isList = (field: Field) => isListType(getNullableType(field.type));

/** A Relay connection type: edges (a list of XEdge with cursor and node) and pageInfo. */
function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
  const { edges, pageInfo } = type.getFields();
  const edge = edges && getNamedType(edges.type);
  return Boolean(edges && isList(edges) && pageInfo && isObjectType(edge) && edge.getFields().cursor && edge.getFields().node);
}

describe('list fields', () => {
  it('are connections or state their bound in LIST_BOUNDS', () => {
    const unbounded = allFields()
      .filter(([, field]) => isList(field))
      .filter(([coordinate, field]) => {
        const [owner] = coordinate.split('.');
        if (field.name === 'edges' && isConnectionType(schema.getType(owner)!)) return false;
        return !LIST_BOUNDS[coordinate];
      })
      .map(([coordinate]) => coordinate);
    // Make the field a connection (connectionType, ConnectionArgs), page it (listArgsType / childListArgs),
    // or bound it by construction, then add it to src/server/list-bounds.ts with its bound.
    expect(unbounded).toEqual([]);
  });

  it('reach every connection through a field that takes its page size (first, with a default)', () => {
    const fields = allFields().filter(([, field]) => isConnectionType(getNamedType(field.type)));
    expect(fields.length).toBeGreaterThan(0);
    const unpaged = fields.filter(([, field]) => {
      const first = field.args.find((arg) => arg.name === 'first');
      return !first || typeof first.defaultValue !== 'number' || !field.args.some((arg) => arg.name === 'after');
    });
    expect(unpaged.map(([coordinate]) => coordinate)).toEqual([]);
    // A connection type is only ever reached through such a field: nothing returns a list of connections.
    expect(fields.filter(([, field]) => isList(field)).map(([coordinate]) => coordinate)).toEqual([]);
  });

  it('have an allow-list entry only for list fields that exist, each with its bound, its count and a description saying it', () => {
    const fields = new Map(allFields());
    for (const [coordinate, bound] of Object.entries(LIST_BOUNDS)) {
      const field = fields.get(coordinate);
      expect([coordinate, field !== undefined && isList(field)]).toEqual([coordinate, true]);
      expect(bound.bound.length).toBeGreaterThan(10);
      // The field's description tells API users what bounds it (or how to page it).
      expect([coordinate, Boolean(field!.description?.match(/at most|paged|one (day|element|per)/i))]).toEqual([coordinate, true]);
      if (typeof bound.counted === 'number') {
        expect(bound.counted).toBeGreaterThan(0);
      } else {
        const { argument } = bound.counted;
        const arg = field!.args.find((a) => a.name === argument);
        expect([coordinate, argument, typeof arg?.defaultValue]).toEqual([coordinate, argument, 'number']);
        if (argument === 'first') expect([coordinate, field!.args.some((a) => a.name === 'after')]).toEqual([coordinate, true]);
      }
    }
  });
});
