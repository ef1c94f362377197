/**
 * Group commit for one kind of write: concurrent requests of one group (one
 * caller's line confirmations, say) run in batches, each batch in the
 * transaction of the request that leads it, so N requests pay for one
 * transaction's statements, round trips and commit instead of N.
 *
 * Batching is natural, with no timer: a request that finds its group idle
 * leads a batch of itself at once; requests that arrive while a batch is
 * under way queue, and the next batch takes up to `maxBatch` of them, led by
 * the first. A batch is under way from its start until its leader's
 * transaction has ended (committed or rolled back), so a request waits at
 * most for the batch before it.
 *
 * The leader's `lead` gets the batch's entries (its own first) and answers
 * one outcome per entry:
 * - done: written in the leader's transaction; the member is answered once
 *   that transaction has committed (if it rolls back, the member tries again);
 * - failed: the entry's own error (bad input): nothing of it was written; the
 *   member gets the error at once;
 * - deferred: it touches what an earlier entry of the batch touches, so it
 *   goes in the next batch (as if it had come after that entry).
 * If `lead` throws, nothing of the batch was written: the leader gets the
 * error and the others try again. A member whose batch has failed or rolled
 * back MAX_ATTEMPTS times runs alone (its `alone`), as without batching.
 */
export type BatchOutcome<R> = { done: R } | { failed: unknown } | { deferred: true };

export interface BatchRun<R> {
  /** One per entry, in the order given. The leader's own (the first) is done: a leader whose entry fails throws. */
  outcomes: BatchOutcome<R>[];
  /** Resolves once the leader's transaction has ended: true when it committed. Never rejects. */
  ended: Promise<boolean>;
}

/** How many batches a member may be part of that fail or roll back before it runs alone. */
export const MAX_ATTEMPTS = 2;

type Turn<E, R> = { lead: Member<E, R>[] } | { done: R } | { failed: unknown } | { alone: true };

interface Member<E, R> {
  entry: E;
  lead: (entries: E[]) => Promise<BatchRun<R>>;
  alone: () => Promise<R>;
  attempts: number;
  wake: (turn: Turn<E, R>) => void;
}

interface Group<E, R> {
  /** Batches under way that still hold the group's next one back. */
  running: number;
  queue: Member<E, R>[];
}

export class GroupCommit<E, R> {
  private readonly groups = new Map<string, Group<E, R>>();
  /** Told of each batch whose leader's transaction committed: how many entries it wrote (metrics: the batch sizes). */
  readonly committedListeners = new Set<(written: number) => void>();

  /**
   * maxBatch: most entries in one batch. parallel: how many batches of one
   * group may be under way at once (while one waits on the database, the
   * next is built). holdMs: how long a batch under way holds its group's next
   * batch back at most; a batch that waits on a lock another transaction
   * holds then stops holding back the group's other requests, which go on in
   * a batch of their own.
   */
  constructor(private readonly options: { maxBatch: number; parallel: number; holdMs: number }) {
    if (options.maxBatch < 1 || options.parallel < 1) throw new Error('maxBatch and parallel must be at least 1');
  }

  /**
   * Runs `entry` in a batch of its group `key`: resolves with its result once
   * the transaction that wrote it has committed, or rejects with its own
   * error. `lead` runs the batch when this request leads it (in this
   * request's transaction); `alone` runs the entry by itself.
   */
  async submit(key: string, entry: E, lead: (entries: E[]) => Promise<BatchRun<R>>, alone: () => Promise<R>): Promise<R> {
    const turn = await new Promise<Turn<E, R>>((wake) => {
      this.groupOf(key).queue.push({ entry, lead, alone, attempts: 0, wake });
      this.startNext(key);
    });
    if ('done' in turn) return turn.done;
    if ('failed' in turn) throw turn.failed;
    if ('alone' in turn) return alone();
    return this.runBatch(key, turn.lead);
  }

  private groupOf(key: string): Group<E, R> {
    let group = this.groups.get(key);
    if (!group) {
      group = { running: 0, queue: [] };
      this.groups.set(key, group);
    }
    return group;
  }

  private startNext(key: string): void {
    const group = this.groupOf(key);
    if (group.running >= this.options.parallel) return;
    if (group.queue.length === 0) {
      if (group.running === 0) this.groups.delete(key);
      return;
    }
    group.running += 1;
    const batch = group.queue.splice(0, this.options.maxBatch);
    batch[0].wake({ lead: batch });
  }

  /** Members whose batch wrote nothing that will last: at the front of the queue again (in their order), or alone. */
  private again(key: string, members: Member<E, R>[]): void {
    const requeue: Member<E, R>[] = [];
    for (const member of members) {
      member.attempts += 1;
      if (member.attempts >= MAX_ATTEMPTS) member.wake({ alone: true });
      else requeue.push(member);
    }
    this.groupOf(key).queue.unshift(...requeue);
    this.startNext(key);
  }

  private async runBatch(key: string, batch: Member<E, R>[]): Promise<R> {
    const [leader, ...others] = batch;
    let holding = true;
    const release = () => {
      if (!holding) return;
      holding = false;
      clearTimeout(timer);
      this.groupOf(key).running -= 1;
      this.startNext(key);
    };
    const timer = setTimeout(release, this.options.holdMs);
    timer.unref();
    let run: BatchRun<R>;
    try {
      run = await leader.lead(batch.map((m) => m.entry));
      if (run.outcomes.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${run.outcomes.length} outcomes`);
    } catch (err) {
      release();
      this.again(key, others);
      throw err;
    }
    const written: [Member<E, R>, R][] = [];
    const deferred: Member<E, R>[] = [];
    run.outcomes.forEach((outcome, i) => {
      if (i === 0) return;
      const member = batch[i];
      if ('done' in outcome) written.push([member, outcome.done]);
      else if ('failed' in outcome) member.wake({ failed: outcome.failed });
      else deferred.push(member);
    });
    // Deferred entries go next (they come after an entry of this batch), with no attempt counted: nothing failed. The
    // batch may have stopped holding its group back already (holdMs), so they may start at once.
    this.groupOf(key).queue.unshift(...deferred);
    this.startNext(key);
    void run.ended.then((committed) => {
      if (committed) for (const [member, result] of written) member.wake({ done: result });
      if (committed) for (const listener of this.committedListeners) listener(written.length + 1);
      release();
      if (!committed) this.again(key, written.map(([member]) => member));
    });
    const own = run.outcomes[0];
    if ('done' in own) return own.done;
    // The leader's entry did not get written: its transaction must not commit the others' (it rolls back with this error).
    throw 'failed' in own ? own.failed : new Error('the leader of a batch deferred its own entry');
  }
}
