import 'reflect-metadata';
import {
  execute,
  getNamedType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  parse,
  type GraphQLField,
} from 'graphql';
import { getSchema } from '../../src/schema';
import { CHECKS_BOUNDS, DEFAULT_MAX_ITEMS, describeInputBounds, enforceInputBounds, MAX_MONEY, MAX_QUANTITY, type BoundedPosition } from '../../src/shared/bounds';
import { DomainError } from '../../src/shared/errors';
import { DateScalar, DateTimeScalar, DecimalScalar } from '../../src/shared/scalars';

let positions: BoundedPosition[];
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
  positions = describeInputBounds(schema);
});
const boundOf = (coordinate: string) => positions.find((p) => p.coordinate === coordinate)?.bound;
const ofType = (...names: string[]) => positions.filter((p) => names.includes(getNamedType(schema.getType(p.type.replace(/[[\]!]/g, ''))!).name));

describe('the schema: every input position has a bound', () => {
  it('describes every argument and every input field (found by walking the schema independently)', () => {
    const expected: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type)) continue;
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) for (const arg of field.args) expected.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!isInputObjectType(getNamedType(field.type)) || String(field.type).startsWith('[')) expected.push(`${type.name}.${field.name}`);
        }
      }
    }
    const described = new Set(positions.map((p) => p.coordinate));
    // Arguments of a single input object are described through its fields.
    const missing = expected.filter((c) => !described.has(c) && !isInputObjectType(getNamedType(argumentType(c) ?? GraphQLString)));
    expect(missing).toEqual([]);
    expect(positions.length).toBeGreaterThan(100);
  });

  it('caps every String and ID at 2,000 characters or less', () => {
    const strings = ofType('String', 'ID');
    expect(strings.length).toBeGreaterThan(60);
    for (const p of strings) {
      expect([p.coordinate, p.bound.maxLength! > 0 && p.bound.maxLength! <= 2_000]).toEqual([p.coordinate, true]);
    }
  });

  it('has the field limits of DESIGN.md: email 254, names 200, free text 2,000, ids and cursors short', () => {
    for (const c of ['SignUpInput.email', 'CreateUserInput.email', 'Mutation.login(email:)']) expect(boundOf(c)?.maxLength).toBe(254);
    for (const c of ['SignUpInput.organizationName', 'CreateItemInput.name', 'CreateLocationInput.name']) expect(boundOf(c)?.maxLength).toBe(200);
    expect(boundOf('RejectPurchaseOrderLineInput.reason')?.maxLength).toBe(2_000);
    expect(boundOf('ConfirmPurchaseOrderLineInput.idempotencyKey')?.maxLength).toBe(200);
    expect(boundOf('Query.items(after:)')?.maxLength).toBe(1_024);
    expect(boundOf('Subscription.alerts(after:)')?.maxLength).toBeLessThanOrEqual(64);
    for (const p of ofType('ID')) expect([p.coordinate, p.bound.maxLength]).toEqual([p.coordinate, 128]);
  });

  it('keeps every quantity within 0..1,000,000,000 and money within 0..1,000,000,000', () => {
    for (const p of ofType('Int')) {
      expect([p.coordinate, p.bound.min! >= 0 && p.bound.max! <= MAX_QUANTITY]).toEqual([p.coordinate, true]);
    }
    const money = ofType('Decimal');
    expect(money.map((p) => p.coordinate)).toEqual(expect.arrayContaining(['CreateItemInput.unitPrice', 'UpsertSourcingRuleInput.unitCost', 'PurchaseOrderLineInput.unitCost']));
    for (const p of money) expect([p.coordinate, p.bound.min, p.bound.max]).toEqual([p.coordinate, 0, MAX_MONEY]);
    expect(boundOf('Query.items(first:)')).toMatchObject({ min: 1, max: 500 });
  });

  it('keeps dates within 10 years of today and an inventory asOf within an hour ahead', () => {
    for (const p of ofType('Date', 'DateTime')) {
      expect([p.coordinate, p.bound.yearsBack! <= 10 && (p.bound.aheadMs !== undefined || p.bound.yearsAhead! <= 10)]).toEqual([p.coordinate, true]);
    }
    expect(boundOf('InventoryPositionInput.asOf')?.aheadMs).toBe(60 * 60 * 1000);
  });

  it('caps every list, the bulk ones at their documented row counts', () => {
    const lists = positions.filter((p) => p.type.startsWith('['));
    for (const p of lists) expect([p.coordinate, p.bound.maxItems! > 0 && p.bound.maxItems! <= 100_000]).toEqual([p.coordinate, true]);
    expect(boundOf('UpsertItemsInput.items')?.maxItems).toBe(10_000);
    expect(boundOf('UpsertInventoryInput.positions')?.maxItems).toBe(50_000);
    expect(boundOf('PublishForecastInput.lines')?.maxItems).toBe(100_000);
    expect(boundOf('Query.alerts(types:)')?.maxItems).toBe(DEFAULT_MAX_ITEMS);
  });

  it('checks the arguments of every field that has any (resolvers and subscriptions)', () => {
    const unchecked: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || isIntrospectionType(type)) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (!field.args.length) continue;
        const checked = (fn: unknown) => Boolean(fn && (fn as Record<symbol, unknown>)[CHECKS_BOUNDS]);
        if (!checked(field.resolve) || (type === schema.getSubscriptionType() && !checked(field.subscribe))) unchecked.push(`${type.name}.${field.name}`);
      }
    }
    expect(unchecked).toEqual([]);
  });
});

function argumentType(coordinate: string) {
  const m = /^(\w+)\.(\w+)\((\w+):\)$/.exec(coordinate);
  if (!m) return undefined;
  const type = schema.getType(m[1]) as GraphQLObjectType;
  return type.getFields()[m[2]].args.find((a) => a.name === m[3])?.type;
}

describe('the check, on a small schema', () => {
  const Line = new GraphQLInputObjectType({
    name: 'Line',
    fields: {
      quantity: { type: new GraphQLNonNull(GraphQLInt) },
      note: { type: GraphQLString, extensions: { bounds: { maxLength: 5 } } },
      price: { type: DecimalScalar },
      on: { type: DateScalar },
      at: { type: DateTimeScalar, extensions: { bounds: { aheadMs: 60_000 } } },
    },
  });
  const Input = new GraphQLInputObjectType({
    name: 'Input',
    fields: {
      name: { type: GraphQLString },
      lines: { type: new GraphQLList(new GraphQLNonNull(Line)), extensions: { bounds: { maxItems: 3 } } },
    },
  });
  let calls = 0;
  const tiny = enforceInputBounds(
    new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          echo: {
            type: GraphQLString,
            args: { input: { type: Input }, id: { type: GraphQLID }, email: { type: GraphQLString } },
            extensions: { argBounds: { email: { maxLength: 10 } } },
            resolve: () => {
              calls += 1;
              return 'ok';
            },
          },
        },
      }),
    }),
  );
  const run = (variables: Record<string, unknown>) =>
    execute({ schema: tiny, document: parse('query($input: Input, $id: ID, $email: String) { echo(input: $input, id: $id, email: $email) }'), variableValues: variables }) as Promise<{
      data?: unknown;
      errors?: { originalError?: unknown }[];
    }>;
  const refusal = async (variables: Record<string, unknown>) => {
    const before = calls;
    const result = await run(variables);
    expect(calls).toBe(before); // the resolver never ran
    const error = result.errors?.[0]?.originalError;
    expect(error).toBeInstanceOf(DomainError);
    return { field: (error as DomainError).field, code: (error as DomainError).code, message: (error as DomainError).message };
  };

  it('passes values within their bounds', async () => {
    const soon = new Date(Date.now() + 30_000).toISOString();
    const result = await run({ input: { name: 'x'.repeat(2_000), lines: [{ quantity: 1_000_000_000, price: '1000000000.0000', note: 'abcde', at: soon }] }, email: 'a@b.c' });
    expect(result.errors).toBeUndefined();
  });

  it('refuses NUL and lone surrogates anywhere, naming the path', async () => {
    expect(await refusal({ email: 'a\u0000@b.c' })).toMatchObject({ field: 'email', code: 'BAD_USER_INPUT' });
    expect(await refusal({ input: { name: 'ok\uD800' } })).toMatchObject({ field: 'input.name', message: expect.stringMatching(/surrogate/) });
    expect(await refusal({ input: { name: 'ok\uDC00x' } })).toMatchObject({ field: 'input.name' });
    expect(await refusal({ input: { lines: [{ quantity: 1 }, { quantity: 1, note: 'a\u0000' }] } })).toMatchObject({ field: 'input.lines[1].note' });
    expect((await run({ input: { name: 'emoji \uD83D\uDE00 is fine' } })).errors).toBeUndefined();
  });

  it('refuses strings over their length: the default (2,000), a field\'s, an argument\'s', async () => {
    expect(await refusal({ input: { name: 'x'.repeat(2_001) } })).toMatchObject({ field: 'input.name' });
    expect(await refusal({ input: { lines: [{ quantity: 1, note: 'abcdef' }] } })).toMatchObject({ field: 'input.lines[0].note' });
    expect(await refusal({ email: 'a'.repeat(11) })).toMatchObject({ field: 'email' });
    expect(await refusal({ id: 'i'.repeat(129) })).toMatchObject({ field: 'id' });
  });

  it('refuses numbers, money and dates out of range, and long lists', async () => {
    expect(await refusal({ input: { lines: [{ quantity: -1 }] } })).toMatchObject({ field: 'input.lines[0].quantity' });
    expect(await refusal({ input: { lines: [{ quantity: 1_000_000_001 }] } })).toMatchObject({ field: 'input.lines[0].quantity' });
    expect(await refusal({ input: { lines: [{ quantity: 1, price: '1000000000.0001' }] } })).toMatchObject({ field: 'input.lines[0].price' });
    expect(await refusal({ input: { lines: [{ quantity: 1, price: '-0.01' }] } })).toMatchObject({ field: 'input.lines[0].price' });
    const year = new Date().getUTCFullYear();
    expect(await refusal({ input: { lines: [{ quantity: 1, on: `${year + 11}-01-01` }] } })).toMatchObject({ field: 'input.lines[0].on' });
    expect(await refusal({ input: { lines: [{ quantity: 1, on: `${year - 11}-12-31` }] } })).toMatchObject({ field: 'input.lines[0].on' });
    expect((await run({ input: { lines: [{ quantity: 1, on: `${year + 9}-06-30` }] } })).errors).toBeUndefined();
    expect(await refusal({ input: { lines: [{ quantity: 1, at: new Date(Date.now() + 120_000).toISOString() }] } })).toMatchObject({ field: 'input.lines[0].at' });
    expect(await refusal({ input: { lines: [{ quantity: 1 }, { quantity: 1 }, { quantity: 1 }, { quantity: 1 }] } })).toMatchObject({ field: 'input.lines' });
  });

  it('checks literal arguments as well as variables', async () => {
    const result = (await execute({ schema: tiny, document: parse('{ echo(email: "a\\u0000@b.c") }') })) as { errors?: { originalError?: unknown }[] };
    expect((result.errors?.[0]?.originalError as DomainError).field).toBe('email');
  });

  it('stops the build on an input scalar without a bound, and on a bound that does not apply', () => {
    const Json = new GraphQLScalarType({ name: 'Json' });
    const build = (args: Record<string, { type: GraphQLScalarType; extensions?: Record<string, unknown> }>, extensions?: Record<string, unknown>) => () =>
      enforceInputBounds(new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { f: { type: GraphQLString, args, extensions } } }) }));
    expect(build({ j: { type: Json } })).toThrow(/Json has no default bound/);
    expect(build({ n: { type: GraphQLInt, extensions: { bounds: { maxLength: 3 } } } })).toThrow(/"maxLength" does not apply to Int/);
    expect(build({ n: { type: GraphQLInt } }, { argBounds: { m: { max: 3 } } })).toThrow(/names no argument "m"/);
  });
});
