/**
 * Where ShortStop's time-driven checks read "now" (the overdue alerts; any
 * periodic task that asks). The server uses the system clock; tests pass a
 * clock they move, so "25 hours later" needs no sleeping. Database
 * timestamps (now()) are not affected: only what a task compares against.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved (tests, scripts). */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date = new Date()) {
    this.ms = start.getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  /** Moves the clock forward (or back, with a negative amount). */
  advance(by: { hours?: number; days?: number; minutes?: number }): Date {
    this.ms += ((by.days ?? 0) * 24 * 60 + (by.hours ?? 0) * 60 + (by.minutes ?? 0)) * 60_000;
    return this.now();
  }

  set(to: Date): void {
    this.ms = to.getTime();
  }
}
