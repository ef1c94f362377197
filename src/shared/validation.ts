import { getMetadataStorage, Matches, validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { getNamedType, isInputObjectType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { badInput } from './errors';
import { Slicer } from './slices';

/** First failing leaf of a class-validator error tree, as an input path: input.positions[3].onHand */
function firstFailure(errors: ValidationError[], prefix: string): { field: string; message: string } | undefined {
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : `.${error.property}`;
    const field = `${prefix}${key}`;
    if (error.constraints) {
      const [message] = Object.values(error.constraints);
      return { field, message };
    }
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** The name of the argument that holds this input object (e.g. "input"). */
function argumentName(argValue: object, argType: unknown, { info }: ResolverData): string {
  const field = info.parentType.getFields()[info.fieldName];
  const objectArgs = field.args.filter((arg) => isInputObjectType(getNamedType(arg.type)));
  const typeName = typeof argType === 'function' ? argType.name : undefined;
  return (objectArgs.find((arg) => getNamedType(arg.type).name === typeName) ?? objectArgs[0])?.name ?? 'input';
}

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: true };

/**
 * Lists of input objects longer than this are validated one element at a
 * time, the event loop given back every 10 ms between elements
 * (src/shared/slices.ts): class-validator walks a whole tree in one
 * synchronous pass, 0.3 s for 10,000 items and 1.5 s for 100,000 forecast
 * lines (DESIGN.md "Bounds": no request holds the loop more than 50 ms).
 */
export const SLICED_LIST_LENGTH = 100;

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Per input class: whether class-validator has any rule for it (its own or inherited, in any group). */
const hasRules = new Map<unknown, boolean>();

/**
 * Whether class-validator would check anything on `value`: without a rule
 * on its class it returns no error (forbidUnknownValues is off), so an
 * element of a 100,000-line list whose class has none (recordSales' lines:
 * their rules are the service's) is not handed to it (0.8 s of walking
 * metadata per call otherwise).
 */
function ruled(value: object): boolean {
  const type = value.constructor;
  let has = hasRules.get(type);
  if (has === undefined) {
    has = typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    hasRules.set(type, has);
  }
  return has;
}

const NO_LISTS: [string, object[]][] = [];

/** The value's own fields holding a list longer than SLICED_LIST_LENGTH of objects only. */
function longLists(value: object): [string, object[]][] {
  let long = NO_LISTS;
  for (const key of Object.keys(value)) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (Array.isArray(field) && field.length > SLICED_LIST_LENGTH && field.every(isObject)) {
      if (long === NO_LISTS) long = [];
      long.push([key, field as object[]]);
    }
  }
  return long;
}

async function validateObject(value: object, path: string, slicer: Slicer): Promise<void> {
  const long = longLists(value);
  if (long.length === 0 && !ruled(value)) return;
  let rest = value;
  if (long.length > 0) {
    // The object's own rules (its other fields, the lists' own size rules) on a copy whose long
    // lists keep their length but hold no elements: @ValidateNested skips the holes.
    rest = Object.assign(Object.create(Object.getPrototypeOf(value) as object) as object, value);
    for (const [key, list] of long) (rest as Record<string, unknown>)[key] = new Array(list.length);
  }
  const failure = firstFailure(await validate(rest, OPTIONS), path);
  if (failure) throw badInput(failure.field, failure.message);
  for (const [key, list] of long) {
    for (let index = 0; index < list.length; index++) {
      const element = list[index];
      // Nothing to check on it (no rule on its class, no long list in it): no call, no await per element.
      if (ruled(element) || longLists(element).length > 0) await validateObject(element, `${path}.${key}[${index}]`, slicer);
      await slicer.pause();
    }
  }
}

/**
 * type-graphql's validateFn: runs class-validator on input objects and turns
 * the first failure into BAD_USER_INPUT naming the offending input path.
 * Long lists are validated in slices (SLICED_LIST_LENGTH).
 */
export async function validateInput(argValue: unknown, argType: unknown, resolverData: ResolverData<object>): Promise<void> {
  if (!isObject(argValue)) return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const name = argumentName(argValue, argType, resolverData as ResolverData);
  const slicer = new Slicer();
  for (const [index, value] of values.entries()) {
    if (!isObject(value)) continue;
    await validateObject(value, Array.isArray(argValue) ? `${name}[${index}]` : name, slicer);
    await slicer.pause();
  }
}

/**
 * A text that must say something: more than blanks (services store names and
 * reasons trimmed, so "   " would be stored as ""). BAD_USER_INPUT with
 * `message` on the field otherwise.
 */
export const NotBlank = (message: string): PropertyDecorator => Matches(/\S/, { message });

/**
 * A key written on one line (a SKU, a location code): no line break or other
 * control character inside, no blank at either end; `what` names it in the
 * message.
 */
export const OneLineKey = (what: string): PropertyDecorator => (target, property) => {
  Matches(/^[^\p{Cc}\u2028\u2029]*$/u, { message: `${what} must be one line of text (no line breaks or control characters)` })(target, property);
  Matches(/^\S([\s\S]*\S)?$/, { message: `${what} must not be empty or start or end with spaces` })(target, property);
};
