import { GroupCommit, MAX_ATTEMPTS, type BatchOutcome, type BatchRun } from '../../src/shared/group-commit';

/**
 * Group commit (src/shared/group-commit.ts) with a fake "transaction": each
 * batch a test leads is recorded, and its end (commit or roll back) is a
 * promise the test settles, so every step of who waits for whom is visible.
 */
interface Batch {
  entries: string[];
  end(committed: boolean): void;
}

function harness(options: { maxBatch?: number; parallel?: number; holdMs?: number } = {}) {
  const gc = new GroupCommit<string, string>({ maxBatch: options.maxBatch ?? 32, parallel: options.parallel ?? 1, holdMs: options.holdMs ?? 10_000 });
  const batches: Batch[] = [];
  const alone: string[] = [];
  // What the batch answers per entry: 'x' fails, 'd' is deferred, anything else is written as its upper case.
  const outcome = (entry: string): BatchOutcome<string> =>
    entry.startsWith('x') ? { failed: new Error(`bad ${entry}`) } : entry.startsWith('d') ? { deferred: true } : { done: entry.toUpperCase() };
  let failLead: ((entries: string[]) => boolean) | null = null;
  const submit = (entry: string) =>
    gc.submit(
      'caller',
      entry,
      async (entries): Promise<BatchRun<string>> => {
        if (failLead?.(entries)) throw new Error(`batch ${entries.join(',')} failed`);
        let end!: (committed: boolean) => void;
        const ended = new Promise<boolean>((resolve) => (end = resolve));
        batches.push({ entries, end });
        return { outcomes: entries.map(outcome), ended };
      },
      async () => {
        alone.push(entry);
        return `${entry.toUpperCase()} alone`;
      },
    );
  return { gc, batches, alone, submit, failLeadWhen: (f: (entries: string[]) => boolean) => (failLead = f) };
}

const settled = async <T>(p: Promise<T>) => {
  let state: { value?: T; error?: unknown } | null = null;
  p.then((value) => (state = { value }), (error) => (state = { error }));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return state as { value?: T; error?: unknown } | null;
};

const turns = () => new Promise((resolve) => setImmediate(resolve));

it('a request to an idle group leads a batch of itself at once; the ones arriving meanwhile form the next batch, led by the first', async () => {
  const { batches, submit } = harness();
  const a = submit('a');
  await turns();
  expect(batches.map((b) => b.entries)).toEqual([['a']]);
  // The leader is answered by its own batch; it does not wait for its commit (its own transaction commits after it).
  expect(await a).toBe('A');
  const b = submit('b');
  const c = submit('c');
  await turns();
  expect(batches).toHaveLength(1); // a's transaction has not ended: b and c wait
  batches[0].end(true);
  await turns();
  expect(batches.map((x) => x.entries)).toEqual([['a'], ['b', 'c']]);
  expect(await b).toBe('B');
  // c was written in b's transaction: it is answered once that has committed, not before.
  const pending = settled(c);
  expect(await pending).toBeNull();
  batches[1].end(true);
  expect(await c).toBe('C');
});

it('a failed entry gets its own error at once; a deferred one goes in the next batch; the rest are answered after the commit', async () => {
  const { batches, submit } = harness();
  const first = submit('a');
  await turns();
  const results = ['b', 'x1', 'd1', 'c'].map((e) => submit(e).then((v) => ({ v }), (err: Error) => ({ err: err.message })));
  await first;
  batches[0].end(true);
  await turns();
  expect(batches[1].entries).toEqual(['b', 'x1', 'd1', 'c']);
  // x1 failed: answered without waiting for the commit.
  expect(await settled(results[1])).toEqual({ value: { err: 'bad x1' } });
  expect(await settled(results[3])).toBeNull();
  batches[1].end(true);
  await turns();
  expect(await results[3]).toEqual({ v: 'C' });
  // d1 was deferred by b's batch: it leads the next one (a batch always writes its leader's entry, so here it is
  // "deferred" again by the fake, which a real lead never answers for its own entry: its request fails).
  expect(batches[2].entries).toEqual(['d1']);
  expect(await results[2]).toEqual({ err: 'the leader of a batch deferred its own entry' });
});

it('a batch that rolls back sends its written members again; after MAX_ATTEMPTS they run alone', async () => {
  expect(MAX_ATTEMPTS).toBe(2);
  const { batches, alone, submit } = harness();
  const a = submit('a');
  await turns();
  const b = submit('b');
  const c = submit('c');
  await a;
  batches[0].end(true);
  await turns();
  expect(batches[1].entries).toEqual(['b', 'c']);
  expect(await b).toBe('B');
  batches[1].end(false); // b's transaction rolled back (its request failed after the batch): c's write is gone
  await turns();
  expect(batches[2].entries).toEqual(['c']); // c again, as a batch of its own (attempt 2)
  expect(await c).toBe('C');
  // Its own batch committing is what answers it; had it rolled back too, it would be its request's failure anyway.
  batches[2].end(true);
  expect(alone).toEqual([]);
});

it('when the lead throws, the leader gets the error and the others try again, then alone', async () => {
  const { batches, alone, submit, failLeadWhen } = harness();
  const a = submit('a');
  await turns();
  const b = submit('b');
  const c = submit('c');
  await a;
  failLeadWhen((entries) => entries[0] === 'b' || entries[0] === 'c');
  batches[0].end(true);
  // b leads [b, c] and fails: b gets the error; c leads [c] (attempt 2) and fails: c... is its own leader, so it gets
  // its own batch's error. Nobody is left waiting.
  await expect(b).rejects.toThrow('batch b,c failed');
  await expect(c).rejects.toThrow('batch c failed');
  expect(alone).toEqual([]);
});

it('a member that sat in MAX_ATTEMPTS failed batches of others runs alone', async () => {
  const { batches, alone, submit, failLeadWhen } = harness();
  const a = submit('a');
  await turns();
  const rest = ['b', 'c', 'e'].map((e) => submit(e).then((v) => v, (err: Error) => err.message));
  await a;
  failLeadWhen((entries) => entries[0] !== 'e');
  batches[0].end(true);
  // b leads [b, c, e] and fails (c and e: attempt 1); c leads [c, e] and fails (e: attempt 2): e runs alone.
  expect(await Promise.all(rest)).toEqual(['batch b,c,e failed', 'batch c,e failed', 'E alone']);
  expect(alone).toEqual(['e']);
});

it('at most maxBatch entries per batch, and `parallel` batches under way at once', async () => {
  const { batches, submit } = harness({ maxBatch: 2, parallel: 2 });
  const all = ['a', 'b', 'c', 'g', 'e', 'f'].map(submit);
  await turns();
  // a leads alone (the group was idle); b arrives while one batch is under way: parallel 2 lets it lead at once.
  expect(batches.map((x) => x.entries)).toEqual([['a'], ['b']]);
  batches[0].end(true);
  await turns();
  expect(batches.map((x) => x.entries)).toEqual([['a'], ['b'], ['c', 'g']]);
  batches[1].end(true);
  batches[2].end(true);
  await turns();
  expect(batches.slice(3).map((x) => x.entries)).toEqual([['e', 'f']]);
  batches[3].end(true);
  expect(await Promise.all(all)).toEqual(['A', 'B', 'C', 'G', 'E', 'F']);
});

it('a batch under way longer than holdMs stops holding the group back (one waiting on a lock does not stall the others)', async () => {
  const { batches, submit } = harness({ holdMs: 30 });
  const a = submit('a');
  await turns();
  await a;
  const b = submit('b');
  await turns();
  expect(batches).toHaveLength(1);
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(batches.map((x) => x.entries)).toEqual([['a'], ['b']]);
  expect(await b).toBe('B');
  batches[0].end(true); // the slow batch ending later does not start anything twice
  batches[1].end(true);
  await turns();
  expect(batches).toHaveLength(2);
  expect(batches.every((x) => x.entries.length === 1)).toBe(true);
});
