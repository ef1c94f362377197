import 'reflect-metadata';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { getSchema } from '../../src/schema';

/**
 * Every type, field, argument, input field and enum value a client can reach
 * from the root operation types, as schema coordinates ("Type.field(arg:)"),
 * with no description (or only whitespace).
 *
 * Why a short walk over graphql-js's own type API instead of a library: the
 * linters that check descriptions (graphql-schema-linter's *-have-descriptions
 * rules) are visitors over SDL text. They see every definition in the file,
 * reachable or not, and would add a CLI's dependency tree for what graphql-js
 * already answers in a few lines (getTypeMap, getFields, getValues,
 * getPossibleTypes). @graphql-inspector/core has no description check.
 */
export function undocumentedCoordinates(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const queue: GraphQLNamedType[] = [];
  const blank = (text: string | null | undefined) => !text || text.trim() === '';
  const visit = (type: GraphQLNamedType) => {
    // Built-in scalars and the introspection types are graphql-js's, documented by the spec.
    if (seen.has(type.name) || isIntrospectionType(type) || isSpecifiedScalarType(type)) return;
    seen.add(type.name);
    queue.push(type);
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) if (root) visit(root);

  while (queue.length > 0) {
    const type = queue.shift()!;
    // The root operation types too (Query, Mutation, Subscription): explorers show their descriptions first.
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const iface of type.getInterfaces()) visit(iface);
      if (isInterfaceType(type)) for (const impl of schema.getPossibleTypes(type)) visit(impl);
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
          visit(getNamedType(arg.type));
        }
        visit(getNamedType(field.type));
      }
    } else if (isUnionType(type)) {
      for (const member of type.getTypes()) visit(member);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        visit(getNamedType(field.type));
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('documents every type, field, argument, input field and enum value a client can reach', async () => {
    // A failure lists the coordinates to document: add `description:` to their decorators.
    expect(undocumentedCoordinates(await getSchema())).toEqual([]);
  });

  it('finds an undocumented coordinate at each kind of place (the walk itself)', () => {
    const schema = buildSchema(`
      type Query { "d" a(x: In, "d" y: Int): Thing  "d" u: U }
      type Thing implements I { "d" id: ID!  e: E  "d" next: Thing }
      """i""" interface I { id: ID! }
      """o""" type Orphan { f: Int }
      union U = Other
      type Other { "d" n: Int }
      """e""" enum E { "d" A  B }
      """in""" input In { z: Int  "d" w: Int }
      scalar Money
    `);
    expect(undocumentedCoordinates(schema)).toEqual(
      ['I.id', 'Other', 'Query', 'Query.a(x:)', 'Thing', 'Thing.e', 'U', 'E.B', 'In.z'].sort(),
    );
  });
});
