import { idempotencyKeyProblem } from '../../src/modules/tenancy/idempotency';

/** The one rule of an idempotency key (every idempotent mutation claims its key through it). */
describe('idempotencyKeyProblem', () => {
  it.each([
    ['', true],
    [' ', true],
    ['  \t\n', true],
    ['x'.repeat(201), true],
    ['a', false],
    [' edi-856 4711 ', false],
    ['x'.repeat(200), false],
  ])('%j refused: %s', (key, refused) => {
    expect(idempotencyKeyProblem(key)).toBe(refused ? 'An idempotency key has 1 to 200 characters, not only whitespace' : null);
  });
});
