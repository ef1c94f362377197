import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  print,
  astFromValue,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/**
 * A coordinate of the contract (Type, Type.field, Type.field(arg:), Input.field, Enum.VALUE,
 * "Type implements Interface") and what is wrong with it, if anything.
 */
export interface Finding {
  coordinate: string;
  problem: string;
}

/** Output positions are covariant: the implementation may be stricter (non-null) than the contract. */
function outputCompatible(contract: GraphQLType, actual: GraphQLType): boolean {
  if (isNonNullType(contract)) return isNonNullType(actual) && outputCompatible(contract.ofType, actual.ofType);
  if (isNonNullType(actual)) return outputCompatible(contract, actual.ofType);
  if (isListType(contract)) return isListType(actual) && outputCompatible(contract.ofType, actual.ofType);
  return !isListType(actual) && getNamedType(contract).name === getNamedType(actual).name;
}

/** Input positions are contravariant: the implementation may accept more (nullable) than the contract. */
function inputCompatible(contract: GraphQLType, actual: GraphQLType, actualHasDefault: boolean): boolean {
  if (isNonNullType(actual)) {
    if (!isNonNullType(contract) && !actualHasDefault) return false;
    return inputCompatible(isNonNullType(contract) ? contract.ofType : contract, actual.ofType, false);
  }
  if (isNonNullType(contract)) return inputCompatible(contract.ofType, actual, false);
  if (isListType(contract)) return isListType(actual) && inputCompatible(contract.ofType, actual.ofType, false);
  return !isListType(actual) && getNamedType(contract).name === getNamedType(actual).name;
}

const defaultOf = (value: GraphQLArgument | GraphQLInputField) =>
  value.defaultValue === undefined ? undefined : print(astFromValue(value.defaultValue, value.type as GraphQLInputType)!);

function compareInput(coordinate: string, contract: GraphQLArgument | GraphQLInputField, actual: GraphQLArgument | GraphQLInputField | undefined, out: Finding[]) {
  if (!actual) return out.push({ coordinate, problem: 'missing' });
  if (!inputCompatible(contract.type, actual.type, actual.defaultValue !== undefined)) {
    out.push({ coordinate, problem: `type ${String(actual.type)} is not compatible with the contract's ${String(contract.type)}` });
  }
  const [want, got] = [defaultOf(contract), defaultOf(actual)];
  if (want !== undefined && want !== got) out.push({ coordinate, problem: `default ${got ?? 'none'} differs from the contract's ${want}` });
  return undefined;
}

/**
 * Every type, implemented interface, field, argument, input field and enum value of the contract,
 * checked against the implementation. Returns the coordinates with problems.
 */
export function compareWithContract(contract: GraphQLSchema, actual: GraphQLSchema): Map<string, Finding> {
  const findings: Finding[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    const impl = actual.getType(type.name);
    if (!impl) {
      findings.push({ coordinate: type.name, problem: 'missing' });
      continue;
    }
    if (impl.constructor !== type.constructor) {
      findings.push({ coordinate: type.name, problem: `is a ${impl.constructor.name}, the contract says ${type.constructor.name}` });
      continue;
    }
    if (isScalarType(type)) continue;
    if (isEnumType(type) && isEnumType(impl)) {
      for (const value of type.getValues()) {
        if (!impl.getValue(value.name)) findings.push({ coordinate: `${type.name}.${value.name}`, problem: 'missing' });
      }
    } else if (isInputObjectType(type) && isInputObjectType(impl)) {
      const fields = impl.getFields();
      for (const field of Object.values(type.getFields())) compareInput(`${type.name}.${field.name}`, field, fields[field.name], findings);
    } else if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(impl) || isInterfaceType(impl))) {
      for (const iface of type.getInterfaces()) {
        if (!impl.getInterfaces().some((i) => i.name === iface.name)) {
          findings.push({ coordinate: `${type.name} implements ${iface.name}`, problem: 'missing' });
        }
      }
      const fields = impl.getFields();
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const implField = fields[field.name];
        if (!implField) {
          findings.push({ coordinate, problem: 'missing' });
          continue;
        }
        if (!outputCompatible(field.type as GraphQLOutputType, implField.type)) {
          findings.push({ coordinate, problem: `type ${String(implField.type)} is not compatible with the contract's ${String(field.type)}` });
        }
        for (const arg of field.args) {
          compareInput(`${coordinate}(${arg.name}:)`, arg, implField.args.find((a) => a.name === arg.name), findings);
        }
        // A new argument must not be required, or existing clients break.
        for (const extra of implField.args) {
          if (!field.args.some((a) => a.name === extra.name) && isNonNullType(extra.type) && extra.defaultValue === undefined) {
            findings.push({ coordinate: `${coordinate}(${extra.name}:)`, problem: 'required argument not in the contract' });
          }
        }
      }
    }
  }
  return new Map(findings.map((f) => [f.coordinate, f]));
}

export const parseSdl = (sdl: string) => buildSchema(sdl);
