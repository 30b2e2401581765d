import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ProjectionRunner, SqliteEventStore, type EventStore, type ReadStreamOptions, type RecordedEvent } from '@hope/eventstore';
import { daysOf, history, play } from '../domain/account/account.arbitraries';
import { accountStream, type AccountEvent } from '../domain/account/account.events';
import { accountDecider } from '../domain/account/account.decide';
import { adjust, earn, EXPERT, reserve, retract } from '../domain/account/account.fixtures';
import { asOfCheckpoints, asOfCheckpointsProjection } from '../projections/as-of/as-of-checkpoints.projection';
import { SqliteAsOfCheckpointQueries } from '../projections/as-of/as-of-checkpoints.queries';
import { AccountAsOf } from './account-as-of';
import { accountAsOf, accountEventsBefore } from './account-queries';

/**
 * The checkpointed as-of answers exactly what folding the account's events recorded before the instant
 * answers (`accountAsOf`, itself held to the projections by account.properties.unit.spec.ts), for every
 * instant between appends, any ledger page, questions in any order, checkpoints built on the way.
 */
describe('AccountAsOf: checkpoints change no as-of answer', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'points-asof-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given random account histories appended in batches, any instant and any ledger page answer as the full fold does', async () => {
    const steps = fc.sample(history, { numRuns: 80, seed: 14 }).flat();
    const { events } = play(steps);
    expect(events.length).toBeGreaterThan(60);
    for (let i = 0, size = 1; i < events.length; i += size, size = 1 + (i % 13)) {
      await store.append(accountStream(EXPERT), events.slice(i, i + size).map((e) => ({ id: randomUUID(), type: e.type, data: e.data })));
    }
    const recorded = await accountEventsBefore(store, EXPERT, new Date(8.64e15));
    const instants = [...new Set(recorded.map((e) => e.recordedAt.getTime()))].flatMap((t) => [t, t + 1]);
    instants.push(0, 8.64e15);
    const cursors = [0, ...recorded.filter((_, i) => i % 17 === 5).map((e) => Number(e.position.commit))];
    const asOf = new AccountAsOf(store, { every: 7 });
    // Later instants first for half of them: checkpoints built far ahead must still answer early instants.
    const order = fc.sample(fc.shuffledSubarray(instants, { minLength: instants.length }), { numRuns: 1, seed: 7 })[0]!;
    let compared = 0;
    for (const [n, t] of order.entries()) {
      const until = new Date(t);
      const page = { after: cursors[n % cursors.length]!, limit: [1, 3, 50][n % 3]! };
      const expected = accountAsOf(await accountEventsBefore(store, EXPERT, until), until, page);
      expect(await asOf.at(EXPERT, until, page)).toEqual(expected);
      compared++;
    }
    expect(compared).toBe(instants.length);
  });

  it('events appended after checkpoints were taken extend them: the latest instant includes them', async () => {
    const { events } = play(fc.sample(history, { numRuns: 6, seed: 3 }).flat());
    const half = Math.floor(events.length / 2);
    const append = (xs: typeof events) => store.append(accountStream(EXPERT), xs.map((e) => ({ id: randomUUID(), type: e.type, data: e.data })));
    await append(events.slice(0, half));
    const asOf = new AccountAsOf(store, { every: 5 });
    const later = () => new Date(Date.now() + 60_000);
    const page = { after: 0, limit: 200 };
    expect(await asOf.at(EXPERT, later(), page)).toEqual(accountAsOf(await accountEventsBefore(store, EXPERT, later()), later(), page));
    await append(events.slice(half));
    const until = later();
    expect(await asOf.at(EXPERT, until, page)).toEqual(accountAsOf(await accountEventsBefore(store, EXPERT, until), until, page));
  });
});

/** The store as it is, counting the events its readers take from `readStream` (what a fold reads). */
class CountingReads implements EventStore {
  read = 0;
  constructor(private readonly inner: EventStore) {}
  readonly append: EventStore['append'] = (...args) => this.inner.append(...args);
  readonly readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  readonly subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  get checkpoints() {
    return this.inner.checkpoints;
  }
  close = () => this.inner.close();
  async *readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const e of this.inner.readStream(stream, options)) {
      this.read++;
      yield e;
    }
  }
}

/** A long history through the decider: earnings from distinct sources, with redemptions, retractions and grants among them. */
function longHistory(steps: number): AccountEvent[] {
  let state = accountDecider.initialState;
  const events: AccountEvent[] = [];
  for (let i = 0; i < steps; i++) {
    const now = new Date(Date.UTC(2030, 0, 1) + i * 3_600_000);
    const cmd = i % 7 === 6 ? reserve('expert-interview', `r${i}`, now) : i % 11 === 10 ? retract(`proposal-s${i - 4}`, `w${i}`, now) : i % 13 === 12 ? adjust(`a${i}`, 40, now) : earn({ source: `s${i}`, at: now });
    try {
      const out = accountDecider.decide(cmd, state);
      state = out.reduce(accountDecider.evolve, state);
      events.push(...out);
    } catch {
      // Refused (e.g. not enough points): nothing recorded, as in the service.
    }
  }
  return events;
}

const appendInBatches = async (store: EventStore, events: readonly AccountEvent[]) => {
  for (let i = 0, size = 1; i < events.length; i += size, size = 1 + (i % 13)) {
    await store.append(accountStream(EXPERT), events.slice(i, i + size).map((e) => ({ id: randomUUID(), type: e.type, data: e.data })));
  }
};

describe('AccountAsOf over the checkpoints the points_as_of projection stored', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner | undefined;
  const open = () => {
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'points-asof-stored-'));
    open();
  });
  afterEach(async () => {
    await runner?.close();
    runner = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given random histories, any instant and page answers as the full fold, from a fresh instance (as after a restart) or a warm one', async () => {
    // Steps an hour apart per history day, the present three quarters of the way in: the store records at
    // the wall clock, so the questions' instants fall among lots earned, spent and expiring around them,
    // and what expires within 30 days of an instant depends on each lot's expiry, remaining and holds.
    const steps = fc.sample(history, { numRuns: 80, seed: 15 }).flat();
    const hour = 3_600_000;
    const { events } = play(steps, undefined, { start: Date.now() - Math.floor(0.75 * daysOf(steps)) * hour, day: hour });
    await appendInBatches(store, events);
    runner = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [asOfCheckpoints(7)] });
    const recorded = await accountEventsBefore(store, EXPERT, new Date(8.64e15));
    runner.start();
    await runner.waitFor(recorded[recorded.length - 1]!.position);
    const stored = new SqliteAsOfCheckpointQueries(runner.db);
    expect(stored.before(EXPERT, 8.64e15)!.revision).toBeGreaterThan(50);
    const instants = [...new Set(recorded.map((e) => e.recordedAt.getTime()))].flatMap((t) => [t - 1, t, t + 1]);
    instants.push(0, 8.64e15);
    const cursors = [0, ...recorded.filter((_, i) => i % 11 === 3).map((e) => Number(e.position.commit))];
    // In-memory checkpoints every 5, stored ones every 7: the warm instance mixes both.
    const warm = new AccountAsOf(store, { every: 5, stored });
    const order = fc.sample(fc.shuffledSubarray(instants, { minLength: instants.length }), { numRuns: 1, seed: 8 })[0]!;
    for (const [n, t] of order.entries()) {
      const until = new Date(t);
      const page = { after: cursors[n % cursors.length]!, limit: [1, 4, 50][n % 3]! };
      const expected = accountAsOf(await accountEventsBefore(store, EXPERT, until), until, page);
      expect(await new AccountAsOf(store, { every: 5, stored }).at(EXPERT, until, page)).toEqual(expected);
      expect(await warm.at(EXPERT, until, page)).toEqual(expected);
    }
  });

  it('after a restart (new store, projection runner and as-of over the same data directory) the first answer is right and folds from the last stored checkpoint, not from the start', async () => {
    const events = longHistory(600);
    expect(events.length).toBeGreaterThan(450);
    await appendInBatches(store, events);
    runner = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [asOfCheckpointsProjection] });
    runner.start();
    const recorded = await accountEventsBefore(store, EXPERT, new Date(8.64e15));
    await runner.waitFor(recorded[recorded.length - 1]!.position);
    await runner.close();
    await store.close();

    // The restarted process: nothing in memory.
    const counting = new CountingReads(open());
    runner = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [asOfCheckpointsProjection] });
    const asOf = new AccountAsOf(counting, { stored: new SqliteAsOfCheckpointQueries(runner.db) });
    const now = new Date(8.64e15);
    const balancePage = { after: 0, limit: 1 };
    expect(await asOf.at(EXPERT, now, balancePage)).toEqual(accountAsOf(recorded, now, balancePage));
    // Folded: the events after the last stored checkpoint (revision 399 or later); the page: the first two movements.
    const afterLast = recorded.length - (Math.floor(recorded.length / 100) * 100);
    expect(counting.read).toBeLessThanOrEqual(afterLast + 2 + 5);

    // Half-way back, with a ledger page there: still from a stored checkpoint, for the fold and for the page.
    counting.read = 0;
    const middle = recorded[Math.floor(recorded.length / 2)]!;
    const then = new Date(middle.recordedAt.getTime() + 1);
    const deepPage = { after: Number(middle.position.commit), limit: 3 };
    const prefix = recorded.filter((e) => e.recordedAt.getTime() < then.getTime());
    expect(await new AccountAsOf(counting, { stored: new SqliteAsOfCheckpointQueries(runner.db) }).at(EXPERT, then, deepPage)).toEqual(accountAsOf(prefix, then, deepPage));
    expect(counting.read).toBeLessThanOrEqual(2 * 100 + 4);

    // Without the stored checkpoints the same first question folds the whole stream: what the counter measures.
    counting.read = 0;
    await new AccountAsOf(counting).at(EXPERT, now, balancePage);
    expect(counting.read).toBeGreaterThanOrEqual(recorded.length);
  });
});

