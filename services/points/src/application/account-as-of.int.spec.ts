import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { SqliteEventStore } from '@hope/eventstore';
import { history, play } from '../domain/account/account.arbitraries';
import { accountStream } from '../domain/account/account.events';
import { EXPERT } from '../domain/account/account.fixtures';
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
