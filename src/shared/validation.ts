import { validate, type ValidationError } from 'class-validator';
import { getNamedType, isInputObjectType } from 'graphql';
import type { ResolverData } from 'type-graphql';
import { badInput } from './errors';

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

/**
 * type-graphql's validateFn: runs class-validator on input objects and turns
 * the first failure into BAD_USER_INPUT naming the offending input path.
 */
export async function validateInput(argValue: unknown, argType: unknown, resolverData: ResolverData<object>): Promise<void> {
  if (argValue === null || typeof argValue !== 'object') return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const name = argumentName(argValue, argType, resolverData as ResolverData);
  for (const [index, value] of values.entries()) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value as object, { skipMissingProperties: true, forbidUnknownValues: false, stopAtFirstError: true });
    const failure = firstFailure(errors, Array.isArray(argValue) ? `${name}[${index}]` : name);
    if (failure) throw badInput(failure.field, failure.message);
  }
}
