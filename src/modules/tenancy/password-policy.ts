import { ValidateBy, type ValidationOptions } from 'class-validator';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const common = new Set(COMMON_PASSWORDS);

/**
 * What is wrong with a new password (DESIGN.md "Bounds"), or null: at least
 * 12 characters (counted as code points), at most 200, not only whitespace,
 * and not a common password (compared in lower case with whitespace
 * removed, so "Password 1234" is refused like "password1234").
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim() === '') return 'Password must not be only spaces';
  if (common.has(password.toLowerCase().replace(/\s+/g, ''))) return 'This password is one of the most common ones; choose another';
  return null;
}

/** class-validator rule for a new password's input field (BAD_USER_INPUT on that field, e.g. input.password). */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) => (typeof args?.value === 'string' ? passwordProblem(args.value) : null) ?? 'Password must be a string',
      },
    },
    options,
  );
}
