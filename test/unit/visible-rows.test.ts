import type { RequestContext } from '../../src/core/context';
import { visibleRows } from '../../src/core/loaders';

/** A context with only the request memo: any statement (a loader batch) would fail on the missing EntityManager. */
const context = () => ({ memo: new Map() }) as unknown as RequestContext;
const [A, B, HIDDEN] = ['0192d1a0-0000-7000-8000-00000000000a', '0192d1a0-0000-7000-8000-00000000000b', '0192d1a0-0000-7000-8000-00000000000c'];
const ITEMS = visibleRows<{ id: string; sku: string }>('item', { id: 'v.id', sku: 'v.sku' });

describe('visibleRows: rows a list primed', () => {
  it('are shown without a promise and loaded without a statement, the first prime winning', async () => {
    const ctx = context();
    const a = { id: A, sku: 'A' };
    ITEMS.prime(ctx, A, a);
    ITEMS.prime(ctx, HIDDEN, null);
    ITEMS.prime(ctx, A, { id: A, sku: 'changed' });
    expect(ITEMS.show(ctx, A)).toBe(a);
    expect(ITEMS.show(ctx, HIDDEN)).toBeNull();
    // The loader answers from the primed row (its batch would need ctx.em): the same promise each time.
    const loader = ITEMS.loader(ctx);
    await expect(loader.load(A)).resolves.toBe(a);
    await expect(loader.load(HIDDEN)).resolves.toBeNull();
    await expect(loader.loadMany([A, HIDDEN])).resolves.toEqual([a, null]);
  });

  it('are forgotten by clear and clearAll, row and promise alike', async () => {
    const ctx = context();
    ITEMS.prime(ctx, A, { id: A, sku: 'A' });
    ITEMS.prime(ctx, B, { id: B, sku: 'B' });
    const loader = ITEMS.loader(ctx);
    await loader.load(A);
    loader.clear(A);
    // No row known any more: show goes to the loader, whose batch runs (and here fails: no database).
    const shown = ITEMS.show(ctx, A);
    expect(shown).toBeInstanceOf(Promise);
    await expect(shown).rejects.toThrow();
    expect(ITEMS.show(ctx, B)).toEqual({ id: B, sku: 'B' });
    loader.clearAll();
    const b = ITEMS.show(ctx, B);
    expect(b).toBeInstanceOf(Promise);
    await expect(b).rejects.toThrow();
    // Primed again after clearing: known again.
    ITEMS.prime(ctx, B, { id: B, sku: 'B2' });
    expect(ITEMS.show(ctx, B)).toEqual({ id: B, sku: 'B2' });
  });
});
