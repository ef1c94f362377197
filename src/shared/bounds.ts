import {
  defaultFieldResolver,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { badInput } from './errors';
import { toScaled } from './money';
import { nextTurn } from './slices';

/**
 * The outer limits of one input value (DESIGN.md "Bounds"). Every argument
 * and input field of the schema has one: its type's default below, narrowed
 * or widened where the field declares its own with @Bounds (input fields and
 * @ArgsType fields) or @ArgBounds (inline @Arg arguments, declared on the
 * resolver method). enforceInputBounds checks them on every field with
 * arguments before its resolver runs. Domain rules (formats, minimums,
 * tighter ranges with their own messages) stay with class-validator.
 */
export interface Bound {
  /** String, ID: most UTF-16 code units. NUL and lone surrogates are always refused. */
  maxLength?: number;
  /** Int, Float, Decimal: the inclusive range. */
  min?: number;
  max?: number;
  /** A list: most elements. */
  maxItems?: number;
  /** Date, DateTime: how far back and ahead of now, in calendar years. */
  yearsBack?: number;
  yearsAhead?: number;
  /** DateTime: at most this many milliseconds after now (instead of yearsAhead). */
  aheadMs?: number;
}

export const MAX_QUANTITY = 1_000_000_000;
export const MAX_MONEY = 1_000_000_000;

/** Field limits the schema uses by name. */
export const EMAIL: Bound = { maxLength: 254 };
export const NAME: Bound = { maxLength: 200 };
export const CODE: Bound = { maxLength: 200 };
export const FREE_TEXT: Bound = { maxLength: 2_000 };
/** Keyset cursors (src/shared/keyset.ts refuses longer ones too). */
export const CURSOR: Bound = { maxLength: 1_024 };
/** Idempotency keys and other client-chosen keys. */
export const KEY: Bound = { maxLength: 200 };
/** Units of measure (an item's base unit, a sourcing rule's purchase unit): EA, CS, KG_1. */
export const UNIT: Bound = { maxLength: 16 };
export const UNIT_PATTERN = /^[A-Za-z0-9_]{1,16}$/;

/** What a value of each input scalar may be unless its field says otherwise. */
const SCALAR_DEFAULTS: Record<string, Bound> = {
  String: FREE_TEXT,
  ID: { maxLength: 128 },
  Int: { min: 0, max: MAX_QUANTITY },
  Float: { min: 0, max: MAX_QUANTITY },
  Decimal: { min: 0, max: MAX_MONEY },
  Date: { yearsBack: 10, yearsAhead: 10 },
  DateTime: { yearsBack: 10, yearsAhead: 10 },
  Boolean: {},
};
/** Lists not declared otherwise (enum filters, schedules...); bulk inputs declare theirs. */
export const DEFAULT_MAX_ITEMS = 100;

/** Which Bound keys mean something for a scalar. */
const KEYS_FOR: Record<string, (keyof Bound)[]> = {
  String: ['maxLength'],
  ID: ['maxLength'],
  Int: ['min', 'max'],
  Float: ['min', 'max'],
  Decimal: ['min', 'max'],
  Date: ['yearsBack', 'yearsAhead'],
  DateTime: ['yearsBack', 'yearsAhead', 'aheadMs'],
  Boolean: [],
};

/** Declares the limits of an input field (or @ArgsType field); merged over its type's default. */
export const Bounds = (bound: Bound) => Extensions({ bounds: bound });

/** Declares the limits of a resolver method's inline arguments, by argument name. */
export const ArgBounds = (bounds: Record<string, Bound>) => Extensions({ argBounds: bounds });

/** Marks resolvers that check their arguments (the schema test asserts every field with arguments has one). */
export const CHECKS_BOUNDS = Symbol('checksInputBounds');

/** The request's clock, read once per call; date limits are derived from it once per bound. */
interface Now {
  ms: number;
  derived: Map<object, unknown>;
}

/**
 * What a refused value produced: the path segments below the position that
 * checked it (innermost first: built only on failure, never for values that
 * pass) and the message, given the name of the field that holds the value.
 */
interface Failure {
  segments: string[];
  message: (leaf: string) => string;
}

type Check = (value: unknown, now: Now) => Failure | undefined;

const fail = (message: (leaf: string) => string): Failure => ({ segments: [], message });

/** The effective bound of a leaf (scalar or enum) position: its type's default with the declaration over it. */
export function effectiveBound(type: GraphQLInputType, declared: Bound | undefined, coordinate: string): Bound {
  const named = getNamedType(type);
  if (isEnumType(named) || isInputObjectType(named)) return { ...declared };
  const defaults = SCALAR_DEFAULTS[named.name];
  if (!defaults) throw new Error(`${coordinate}: input scalar ${named.name} has no default bound; add one to src/shared/bounds.ts`);
  for (const key of Object.keys(declared ?? {}) as (keyof Bound)[]) {
    if (key !== 'maxItems' && !KEYS_FOR[named.name].includes(key)) throw new Error(`${coordinate}: "${key}" does not apply to ${named.name}`);
  }
  if (declared?.maxItems !== undefined && !hasList(type)) throw new Error(`${coordinate}: "maxItems" on a value that is not a list`);
  return { ...defaults, ...declared };
}

const hasList = (type: GraphQLInputType): boolean => (isNonNullType(type) ? hasList(type.ofType) : isListType(type));

const leafName = (path: string) => /([A-Za-z_][A-Za-z0-9_]*)(\[\d+\])*$/.exec(path)?.[1] ?? path;

const dateYearsFrom = (today: string, years: number): string => {
  const [y, m, d] = today.split('-').map(Number);
  const date = new Date(Date.UTC(y + years, m - 1, d));
  return date.toISOString().slice(0, 10);
};
const instantYearsFrom = (ms: number, years: number): number => {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
};

/** Derived once per request and bound (a date limit costs microseconds: 100,000 forecast lines share one). */
function derivedOnce<T>(now: Now, key: object, derive: () => T): T {
  if (!now.derived.has(key)) now.derived.set(key, derive());
  return now.derived.get(key) as T;
}

function scalarCheck(scalar: string, bound: Bound): Check | undefined {
  switch (scalar) {
    case 'String':
    case 'ID': {
      const maxLength = bound.maxLength!;
      return (value) => {
        if (typeof value !== 'string') return undefined;
        if (value.length > maxLength) return fail((leaf) => `${leaf} must be at most ${maxLength} characters`);
        if (value.includes('\u0000')) return fail((leaf) => `${leaf} must not contain NUL characters`);
        if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return fail((leaf) => `${leaf} must be valid Unicode text (it contains a lone surrogate)`);
        return undefined;
      };
    }
    case 'Int':
    case 'Float': {
      const { min = -Infinity, max = Infinity } = bound;
      return (value) => (typeof value === 'number' && !(value >= min && value <= max) ? fail((leaf) => `${leaf} must be from ${min} to ${max}`) : undefined);
    }
    case 'Decimal': {
      const [min, max] = [toScaled(String(bound.min ?? 0)), toScaled(String(bound.max ?? MAX_MONEY))];
      return (value) => {
        if (typeof value !== 'string') return undefined;
        const scaled = toScaled(value);
        return scaled < min || scaled > max ? fail((leaf) => `${leaf} must be from ${bound.min ?? 0} to ${bound.max ?? MAX_MONEY}`) : undefined;
      };
    }
    case 'Date': {
      const { yearsBack = 10, yearsAhead = 10 } = bound;
      const key = {};
      return (value, now) => {
        if (typeof value !== 'string') return undefined;
        const [earliest, latest] = derivedOnce(now, key, () => {
          const today = new Date(now.ms).toISOString().slice(0, 10);
          return [dateYearsFrom(today, -yearsBack), dateYearsFrom(today, yearsAhead)];
        });
        return value < earliest || value > latest ? fail((leaf) => `${leaf} must be from ${earliest} to ${latest}`) : undefined;
      };
    }
    case 'DateTime': {
      const { yearsBack = 10, yearsAhead = 10, aheadMs } = bound;
      const key = {};
      const ahead = aheadMs !== undefined ? `${Math.round(aheadMs / 60_000)} minutes from now` : `${yearsAhead} years from now`;
      return (value, now) => {
        if (!(value instanceof Date)) return undefined;
        const [earliest, latest] = derivedOnce(now, key, () => [
          instantYearsFrom(now.ms, -yearsBack),
          aheadMs !== undefined ? now.ms + aheadMs : instantYearsFrom(now.ms, yearsAhead),
        ]);
        const at = value.getTime();
        return at < earliest || at > latest ? fail((leaf) => `${leaf} must be between ${yearsBack} years ago and ${ahead}`) : undefined;
      };
    }
    default:
      return undefined;
  }
}

/** Compiles the check of one input position (argument or input field); input object types are compiled once. */
class Compiler {
  private readonly objects = new Map<GraphQLInputObjectType, Check>();

  position(type: GraphQLInputType, declared: Bound | undefined, coordinate: string): Check | undefined {
    if (isNonNullType(type)) return this.position(type.ofType, declared, coordinate);
    if (isListType(type)) {
      const maxItems = declared?.maxItems ?? DEFAULT_MAX_ITEMS;
      const { maxItems: _outer, ...inner } = declared ?? {};
      const element = this.position(type.ofType as GraphQLInputType, inner, `${coordinate}[]`);
      return (value, now) => {
        if (!Array.isArray(value)) return undefined;
        if (value.length > maxItems) return fail((leaf) => `${leaf} takes at most ${maxItems} entries`);
        if (!element) return undefined;
        for (let i = 0; i < value.length; i++) {
          const failure = element(value[i], now);
          if (failure) {
            failure.segments.push(`[${i}]`);
            return failure;
          }
        }
        return undefined;
      };
    }
    if (isInputObjectType(type)) return this.object(type);
    if (isEnumType(type)) return undefined;
    if (isScalarType(type)) return scalarCheck(type.name, effectiveBound(type, declared, coordinate));
    return undefined;
  }

  private object(type: GraphQLInputObjectType): Check {
    const known = this.objects.get(type);
    if (known) return known;
    let fields: [string, Check][] = [];
    const check: Check = (value, now) => {
      if (value === null || typeof value !== 'object') return undefined;
      const record = value as Record<string, unknown>;
      for (const [name, fieldCheck] of fields) {
        const fieldValue = record[name];
        if (fieldValue === undefined || fieldValue === null) continue;
        const failure = fieldCheck(fieldValue, now);
        if (failure) {
          failure.segments.push(`.${name}`);
          return failure;
        }
      }
      return undefined;
    };
    this.objects.set(type, check); // before the fields: input types may refer to themselves
    fields = Object.values(type.getFields()).flatMap((field) => {
      const fieldCheck = this.position(field.type, declaredOnInputField(field), `${type.name}.${field.name}`);
      return fieldCheck ? [[field.name, fieldCheck] as [string, Check]] : [];
    });
    return check;
  }
}

const declaredOnInputField = (field: GraphQLInputField | GraphQLArgument): Bound | undefined =>
  (field.extensions as { bounds?: Bound } | undefined)?.bounds;

const declaredOnArgument = (field: GraphQLField<unknown, unknown>, arg: GraphQLArgument): Bound | undefined =>
  declaredOnInputField(arg) ?? (field.extensions as { argBounds?: Record<string, Bound> } | undefined)?.argBounds?.[arg.name];

/** Every field with arguments, on every object type (root types included). */
function fieldsWithArguments(schema: GraphQLSchema): { typeName: string; field: GraphQLField<unknown, unknown> }[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !isIntrospectionType(type))
    .flatMap((type) => Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()).map((field) => ({ typeName: type.name, field })))
    .filter(({ field }) => field.args.length > 0);
}

/**
 * Wraps the resolver (and, for subscriptions, the subscribe function) of
 * every field with arguments so its arguments are checked against their
 * bounds first: BAD_USER_INPUT naming the input path. Compiled once, at
 * start-up; an input scalar without a default bound stops the build.
 */
export function enforceInputBounds(schema: GraphQLSchema): GraphQLSchema {
  const compiler = new Compiler();
  for (const { typeName, field } of fieldsWithArguments(schema)) {
    const checks = field.args.flatMap((arg) => {
      const check = compiler.position(arg.type, declaredOnArgument(field, arg), `${typeName}.${field.name}(${arg.name}:)`);
      return check ? [[arg.name, check] as const] : [];
    });
    for (const name of Object.keys((field.extensions as { argBounds?: object } | undefined)?.argBounds ?? {})) {
      if (!field.args.some((arg) => arg.name === name)) throw new Error(`${typeName}.${field.name}: @ArgBounds names no argument "${name}"`);
    }
    const checkArgs = (args: Record<string, unknown>) => {
      const now: Now = { ms: Date.now(), derived: new Map() };
      for (const [name, check] of checks) {
        const value = args[name];
        const failure = value === undefined || value === null ? undefined : check(value, now);
        if (failure) {
          const path = name + failure.segments.reverse().join('');
          throw badInput(path, failure.message(leafName(path)));
        }
      }
    };
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = Object.assign((source: unknown, args: Record<string, unknown>, context: unknown, info: Parameters<typeof resolve>[3]) => {
      // graphql-js coerces the variables and calls this in one synchronous pass; for a bulk input, the check and
      // then the resolver (type-graphql's conversion of the arguments to their classes) each get a turn of their own.
      if (holdsLongList(args)) {
        return nextTurn()
          .then(() => {
            checkArgs(args);
            return nextTurn();
          })
          .then(() => resolve(source, args, context, info));
      }
      checkArgs(args);
      return resolve(source, args, context, info);
    }, { [CHECKS_BOUNDS]: true });
    if (field.subscribe) {
      const subscribe = field.subscribe;
      field.subscribe = Object.assign((source: unknown, args: Record<string, unknown>, context: unknown, info: Parameters<typeof subscribe>[3]) => {
        checkArgs(args);
        return subscribe(source, args, context, info);
      }, { [CHECKS_BOUNDS]: true });
    }
  }
  return schema;
}

/** Lists longer than this in a field's arguments (or one level inside them) make it a bulk call (see enforceInputBounds). */
const LONG_ARGUMENT_LIST = 200;
const isLongList = (value: unknown) => Array.isArray(value) && value.length > LONG_ARGUMENT_LIST;
const holdsLongList = (args: Record<string, unknown>) =>
  Object.values(args).some((value) => isLongList(value) || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).some(isLongList)));

/** One argument or input field and the bound enforced on it: for the schema test and the README. */
export interface BoundedPosition {
  coordinate: string;
  type: string;
  bound: Bound & { maxItems?: number };
}

/** Every argument and input field of the schema with its effective bound (lists: maxItems included). */
export function describeInputBounds(schema: GraphQLSchema): BoundedPosition[] {
  const out: BoundedPosition[] = [];
  const describe = (coordinate: string, type: GraphQLInputType, declared: Bound | undefined) => {
    if (isInputObjectType(getNamedType(type))) {
      if (hasList(type)) out.push({ coordinate, type: String(type), bound: { maxItems: declared?.maxItems ?? DEFAULT_MAX_ITEMS } });
      return;
    }
    const bound = effectiveBound(type, declared, coordinate);
    out.push({ coordinate, type: String(type), bound: hasList(type) ? { ...bound, maxItems: declared?.maxItems ?? DEFAULT_MAX_ITEMS } : bound });
  };
  for (const { typeName, field } of fieldsWithArguments(schema)) {
    for (const arg of field.args) describe(`${typeName}.${field.name}(${arg.name}:)`, arg.type, declaredOnArgument(field, arg));
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) describe(`${type.name}.${field.name}`, field.type, declaredOnInputField(field));
  }
  return out.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}
