import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type Database from 'better-sqlite3';
import { ProjectionRunner, SqliteEventStore, type Position } from '@hope/eventstore';
import { projectionSpec } from '@hope/eventstore/testing';
import { applyMovement, emptyBalance, type Balance } from '../../domain/account/account.balance';
import { history, play } from '../../domain/account/account.arbitraries';
import { accountForAsOf } from '../../domain/account/account.checkpoint';
import type { AccountEvent } from '../../domain/account/account.events';
import { evolve, initialState, type Account } from '../../domain/account/account.state';
import { ACCOUNT_FOLD_VERSION } from './checkpoint-deltas';
import { asOfCheckpoints, asOfCheckpointsProjection } from './as-of-checkpoints.projection';
import { SqliteAsOfCheckpointQueries } from './as-of-checkpoints.queries';

/** The fold as plain data (tables as their values in order), to compare states built different ways. */
const plain = (balance: Balance, a: Account) => ({
  balance,
  status: a.status,
  debt: a.debt,
  tier: a.tier,
  tierSince: a.tierSince,
  lots: a.lots.values(),
  reservations: a.reservations.values(),
  decidedSources: a.decidedSources.values(),
  retracted: a.retracted.values(),
  adjustments: a.adjustments.values(),
});

const fullFold = (events: readonly AccountEvent[]) => {
  let balance = emptyBalance;
  let account = initialState;
  for (const e of events) {
    balance = applyMovement(balance, e);
    account = evolve(account, e);
  }
  return plain(balance, account);
};

/** Two accounts' random histories (the second's ids renamed), interleaved in store order. */
function twoAccounts(seed: number) {
  const a = play(fc.sample(history, { numRuns: 12, seed }).flat()).events;
  const b = play(fc.sample(history, { numRuns: 8, seed: seed + 1 }).flat()).events;
  const accounts = new Map<string, AccountEvent[]>([
    ['a', a],
    ['b', b],
  ]);
  const given: { stream: string; type: string; data: unknown }[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) given.push({ stream: 'account-a', ...a[i]! });
    if (b[i]) given.push({ stream: 'account-b', ...b[i]! });
  }
  return { accounts, given };
}

/** Every stored checkpoint is the full fold of the account's events up to its revision; the tail holds the rest. */
function expectCheckpointsAreFolds(db: Database.Database, accounts: Map<string, AccountEvent[]>, every: number) {
  const queries = new SqliteAsOfCheckpointQueries(db);
  for (const [expertId, events] of accounts) {
    const revisions = db.prepare<[string], { revision: number }>('SELECT revision FROM points_as_of_checkpoints WHERE expert_id = ? ORDER BY revision').all(expertId).map((r) => r.revision);
    expect(revisions).toEqual(Array.from({ length: Math.floor(events.length / every) }, (_, i) => (i + 1) * every - 1));
    for (const revision of revisions) {
      const c = queries.load(expertId, revision)!;
      expect(c.revision).toBe(revision);
      expect(plain(c.balance, c.account)).toEqual(fullFold(events.slice(0, revision + 1)));
      // What the first as-of question after a restart decodes: exactly the domain's reduction of the whole fold.
      const forAsOf = queries.loadForAsOf(expertId, revision)!;
      expect({ revision: forAsOf.revision, position: forAsOf.position, recordedUntil: forAsOf.recordedUntil }).toEqual({ revision, position: c.position, recordedUntil: c.recordedUntil });
      expect(plain(forAsOf.balance, forAsOf.account)).toStrictEqual(plain(c.balance, accountForAsOf(c.account)));
    }
    const tail = db.prepare<[string], { revision: number }>('SELECT revision FROM points_as_of_tail WHERE expert_id = ? ORDER BY revision').all(expertId).map((r) => r.revision);
    const last = revisions[revisions.length - 1] ?? -1;
    expect(tail).toEqual(Array.from({ length: events.length - 1 - last }, (_, i) => last + 1 + i));
  }
}

describe('points_as_of projection (as-of checkpoints persisted with the projection checkpoint)', () => {
  it('given two accounts\' random histories, every stored checkpoint is the full fold up to its revision; rebuild and one-by-one equal live', async () => {
    const { accounts, given } = twoAccounts(21);
    expect(accounts.get('a')!.length).toBeGreaterThan(20);
    await projectionSpec(asOfCheckpoints(4), given, (db) => expectCheckpointsAreFolds(db, accounts, 4));
  });

  describe('over a data directory', () => {
    let dir: string;
    let store: SqliteEventStore;
    const runners: ProjectionRunner[] = [];
    const open = (projection = asOfCheckpoints(5), file = 'read.sqlite') => {
      const r = ProjectionRunner.open({ file: join(dir, file), store, projections: [projection], batchSize: 7 });
      runners.push(r);
      return r;
    };
    const append = async (given: readonly { stream: string; type: string; data: unknown }[]) => {
      let last: Position | undefined;
      for (const e of given) last = (await store.append(e.stream, [{ id: randomUUID(), type: e.type, data: e.data }])).position;
      return last!;
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'points-asof-projection-'));
      store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    });
    afterEach(async () => {
      for (const r of runners.splice(0)) await r.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a new process (no remembered tips) continues from the stored checkpoints and tail: the same rows as one run from the start', async () => {
      const { accounts, given } = twoAccounts(33);
      const half = Math.floor(given.length / 2);
      const first = open();
      first.start();
      await first.waitFor(await append(given.slice(0, half)));
      await first.close();
      const end = await append(given.slice(half));
      const restarted = open();
      restarted.start();
      await restarted.waitFor(end);
      expectCheckpointsAreFolds(restarted.db, accounts, 5);
      const fresh = open(asOfCheckpoints(5), 'fresh.sqlite');
      fresh.start();
      await fresh.waitFor(end);
      expect(restarted.checksum('points_as_of')).toBe(fresh.checksum('points_as_of'));
    });

    it('never holds a checkpoint past the projection checkpoint: a batch that fails half-way leaves neither, and the retry folds right', async () => {
      const { given } = twoAccounts(44);
      const end = await append(given);
      const inner = asOfCheckpoints(5);
      let batches = 0;
      const stored = (db: Database.Database) => ({
        rows: db.prepare<[], { n: number; last: number | null }>('SELECT count(*) AS n, max(position) AS last FROM points_as_of_checkpoints').get()!,
        checkpoint: db.prepare<[], { commit_position: string }>("SELECT commit_position FROM projection_checkpoints WHERE name = 'points_as_of'").get(),
      });
      const crashing = open({
        ...inner,
        // The catch-up path, batch by batch with the checkpoint (a bulk load copies its result in one transaction).
        rebuildInBulk: false,
        applyBatch: (db, events) => {
          // What is committed when a batch starts: no checkpoint row beyond the projection's checkpoint.
          const before = stored(db);
          expect(before.rows.last ?? -1).toBeLessThanOrEqual(Number(before.checkpoint?.commit_position ?? -1));
          inner.applyBatch!(db, events);
          // The fault comes after this batch wrote its rows (and remembered its tips): all of it is rolled back.
          if (++batches === 3) throw new Error('crash in the middle of a batch');
        },
      });
      crashing.start();
      await crashing.waitFor(end, 10_000);
      expect(batches).toBeGreaterThan(3);
      const fresh = open(asOfCheckpoints(5), 'fresh.sqlite');
      fresh.start();
      await fresh.waitFor(end);
      expect(crashing.checksum('points_as_of')).toBe(fresh.checksum('points_as_of'));
    });

    it('versioned by the fold\'s shape: a new version clears and refolds them, and rows of another fold version are never read', async () => {
      expect(asOfCheckpointsProjection.version).toBe(ACCOUNT_FOLD_VERSION);
      const { given } = twoAccounts(55);
      const end = await append(given);
      const runner = open();
      runner.start();
      await runner.waitFor(end);
      const queries = new SqliteAsOfCheckpointQueries(runner.db);
      expect(queries.before('a', Number.MAX_SAFE_INTEGER)).toBeDefined();
      runner.db.prepare('UPDATE points_as_of_checkpoints SET fold_version = fold_version + 1').run();
      expect(queries.before('a', Number.MAX_SAFE_INTEGER)).toBeUndefined();
      expect(queries.atOrBefore('a', BigInt(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER)).toBeUndefined();
      await runner.close();
      const bumped = open({ ...asOfCheckpoints(5), version: ACCOUNT_FOLD_VERSION + 1 });
      // The runner saw a new version: it cleared the tables (the stale rows too) and folds again from 0.
      expect(bumped.db.prepare('SELECT count(*) AS n FROM points_as_of_checkpoints').get()).toEqual({ n: 0 });
      bumped.start();
      await bumped.waitFor(end);
      expect(new SqliteAsOfCheckpointQueries(bumped.db).before('a', Number.MAX_SAFE_INTEGER)).toBeDefined();
    });
  });
});
