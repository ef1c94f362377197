/** The error codes of the public contract (extensions.code). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED';

/**
 * A failure the client caused or may handle. Services throw these; the GraphQL
 * boundary turns them into errors with extensions.code and extensions.field.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Input path of the offending value, e.g. "input.positions[3].onHand". */
    readonly field?: string,
    /** RATE_LIMITED: whole seconds to wait before trying again (extensions.retryAfterSeconds). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (what: string, field?: string) => new DomainError('NOT_FOUND', `${what} not found`, field);
export const forbidden = (message = 'Your role does not allow this') => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
export const conflict = (message: string, field?: string) => new DomainError('CONFLICT', message, field);
/** Too many attempts (sign-in throttling); the client may try again after retryAfterSeconds. */
export const rateLimited = (retryAfterSeconds: number, message = 'Too many attempts; try again later') =>
  new DomainError('RATE_LIMITED', message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));

/**
 * Refuses the second of two elements of one input list with the same key:
 * BAD_USER_INPUT on `${list}[i].${field}`, "Duplicate of `${list}[first]`"
 * and why (e.g. " (same SKU)"). One per list; check the elements in order.
 */
export class DuplicateCheck {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly list: string,
    private readonly field: string,
    private readonly why: string,
  ) {}

  check(key: string, index: number): void {
    const first = this.seen.get(key);
    if (first !== undefined) throw badInput(`${this.list}[${index}].${this.field}`, `Duplicate of ${this.list}[${first}]${this.why}`);
    this.seen.set(key, index);
  }
}
