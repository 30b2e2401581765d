import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ProjectionRunner, SqliteEventStore, type RecordedEvent, type SqlProjection } from '@hope/eventstore';

/** Adds each Earned amount to a per-account total: applying an event twice would show. */
const totals = (version = 1, failOn?: { amount: number }): SqlProjection => ({
  name: 'totals',
  version,
  schema: 'CREATE TABLE IF NOT EXISTS totals_accounts (account TEXT PRIMARY KEY, total INTEGER NOT NULL, events INTEGER NOT NULL);',
  tables: ['totals_accounts'],
  filter: { eventTypes: ['Earned'] },
  apply(db: Database.Database, e: RecordedEvent) {
    const { amount } = e.data as { amount: number };
    if (failOn && amount === failOn.amount) throw new Error('projection bug');
    db.prepare(
      `INSERT INTO totals_accounts (account, total, events) VALUES (?, ?, 1)
       ON CONFLICT(account) DO UPDATE SET total = total + excluded.total, events = events + 1`,
    ).run(e.stream, amount);
  },
});

const earned = (amount: number) => ({ id: randomUUID(), type: 'Earned', data: { amount } });
const noted = () => ({ id: randomUUID(), type: 'Noted', data: {} });

describe('ProjectionRunner: SQL read models, state and checkpoint in one transaction', () => {
  let dir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  const open = (projection = totals(), file = join(dir, 'read.sqlite')) => {
    const r = ProjectionRunner.open({ file, store, projections: [projection] });
    runners.push(r);
    return r;
  };
  const rows = (r: ProjectionRunner) => r.db.prepare('SELECT account, total, events FROM totals_accounts ORDER BY account').all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-proj-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.close().catch(() => undefined);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given events, when caught up, then the read model holds their fold; ignored types still move the checkpoint', async () => {
    await store.append('account-a', [earned(5), noted(), earned(7)]);
    const last = await store.append('account-b', [earned(1), noted()]);
    const r = open();
    r.start();
    await r.waitFor(last.position);
    expect(rows(r)).toEqual([
      { account: 'account-a', total: 12, events: 2 },
      { account: 'account-b', total: 1, events: 1 },
    ]);
  });

  it('restarted, it resumes from its checkpoint: nothing applied twice', async () => {
    await store.append('account-a', [earned(1), earned(2)]);
    let r = open();
    r.start();
    await r.waitFor((await store.append('account-a', [earned(3)])).position);
    await r.close();
    runners.splice(0);
    const last = await store.append('account-a', [earned(4)]);
    r = open();
    r.start();
    await r.waitFor(last.position);
    expect(rows(r)).toEqual([{ account: 'account-a', total: 10, events: 4 }]);
  });

  it('a failing apply rolls back its whole batch with the checkpoint; once fixed, every event counts once', async () => {
    const bad = await store.append('account-a', [earned(1), earned(13), earned(2)]);
    const r = open(totals(1, { amount: 13 }));
    r.start();
    await expect(r.waitFor(bad.position, 500)).rejects.toThrow(/did not reach/);
    expect(rows(r)).toEqual([]);
    await r.close();
    runners.splice(0);
    const fixed = open(totals(1));
    fixed.start();
    await fixed.waitFor(bad.position);
    expect(rows(fixed)).toEqual([{ account: 'account-a', total: 16, events: 3 }]);
  });

  it('rebuilding from position 0 gives exactly the live state (checksums), also in a fresh database', async () => {
    for (let i = 0; i < 50; i++) await store.append(`account-${i % 7}`, [earned(i), noted()]);
    const live = open();
    live.start();
    let last = await store.append('account-x', [earned(1000)]);
    await live.waitFor(last.position);
    const before = live.checksum('totals');
    await live.rebuild('totals');
    await live.waitFor(last.position);
    expect(live.checksum('totals')).toBe(before);
    const fresh = open(totals(), join(dir, 'fresh.sqlite'));
    fresh.start();
    await fresh.waitFor(last.position);
    expect(fresh.checksum('totals')).toBe(before);
    last = await store.append('account-x', [earned(1)]);
    await live.waitFor(last.position);
    expect(live.checksum('totals')).not.toBe(before);
  });

  it('a version bump clears the tables and replays from 0', async () => {
    const last = await store.append('account-a', [earned(5)]);
    const r1 = open(totals(1));
    r1.start();
    await r1.waitFor(last.position);
    await r1.close();
    runners.splice(0);
    const r2 = open(totals(2));
    r2.start();
    await r2.waitFor(last.position);
    expect(rows(r2)).toEqual([{ account: 'account-a', total: 5, events: 1 }]);
  });

  it('a version bump that changes a table\'s columns rebuilds it in the new layout (not the old file\'s)', async () => {
    const last = await store.append('account-a', [earned(5), earned(7)]);
    const r1 = open(totals(1));
    r1.start();
    await r1.waitFor(last.position);
    await r1.close();
    runners.splice(0);
    // v2 keeps the largest amount too, in a new NOT NULL column with an index on it.
    const v2: SqlProjection = {
      ...totals(2),
      schema: `CREATE TABLE IF NOT EXISTS totals_accounts (account TEXT PRIMARY KEY, total INTEGER NOT NULL, events INTEGER NOT NULL, largest INTEGER NOT NULL);
               CREATE INDEX IF NOT EXISTS totals_largest ON totals_accounts (largest);`,
      apply(db: Database.Database, e: RecordedEvent) {
        const { amount } = e.data as { amount: number };
        db.prepare(
          `INSERT INTO totals_accounts VALUES (?, ?, 1, ?)
           ON CONFLICT(account) DO UPDATE SET total = total + excluded.total, events = events + 1, largest = max(largest, excluded.largest)`,
        ).run(e.stream, amount, amount);
      },
    };
    const r2 = open(v2);
    r2.start();
    await r2.waitFor(last.position);
    expect(r2.db.prepare('SELECT account, total, events, largest FROM totals_accounts').all()).toEqual([{ account: 'account-a', total: 12, events: 2, largest: 7 }]);
  });
});

describe('ProjectionRunner.rebuildBeside: rebuild while serving, verify, switch', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-proj-beside-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves reads during the rebuild, then reports equal checksums and keeps the same state', async () => {
    for (let i = 0; i < 200; i++) await store.append(`account-${i % 9}`, [earned(i)]);
    const live = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [totals()] });
    live.start();
    const last = await store.append('account-z', [earned(1)]);
    await live.waitFor(last.position);
    const before = live.checksum('totals');
    let readsDuring = 0;
    const reading = setInterval(() => {
      const n = (live.db.prepare('SELECT count(*) AS n FROM totals_accounts').get() as { n: number }).n;
      if (n === 10) readsDuring++;
    }, 1);
    const report = await live.rebuildBeside('totals', join(dir, 'shadow.sqlite'));
    clearInterval(reading);
    expect(readsDuring).toBeGreaterThan(0);
    expect(report).toMatchObject({ verifiedAtSamePosition: true, drifted: false, liveChecksum: before, rebuiltChecksum: before });
    expect(live.checksum('totals')).toBe(before);
    const next = await store.append('account-z', [earned(5)]);
    await live.waitFor(next.position);
    expect(live.db.prepare("SELECT total FROM totals_accounts WHERE account = 'account-z'").get()).toEqual({ total: 6 });
    await live.close();
  });

  it('detects a drifted live read model and replaces it with the replayed truth', async () => {
    const last = await store.append('account-a', [earned(3), earned(4)]);
    const live = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [totals()] });
    live.start();
    await live.waitFor(last.position);
    live.db.prepare("UPDATE totals_accounts SET total = 999 WHERE account = 'account-a'").run();
    const report = await live.rebuildBeside('totals', join(dir, 'shadow.sqlite'));
    expect(report.drifted).toBe(true);
    expect(live.db.prepare("SELECT total FROM totals_accounts WHERE account = 'account-a'").get()).toEqual({ total: 7 });
    await live.close();
  });
});

describe('ProjectionRunner: a projection that rebuilds in bulk (rebuildInBulk) is built from 0 in a scratch file, then copied', () => {
  let dir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  const withIndex = (bulk: boolean): SqlProjection => ({
    ...totals(),
    schema: `${totals().schema}\nCREATE INDEX IF NOT EXISTS totals_by_total ON totals_accounts (total, account);`,
    rebuildInBulk: bulk,
  });
  const open = (projection: SqlProjection, file: string) => {
    const r = ProjectionRunner.open({ file, store, projections: [projection], batchSize: 7 });
    runners.push(r);
    return r;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-proj-bulk-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.close().catch(() => undefined);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the rows an event-by-event build leaves, its indexes and checkpoint; later events go the live way, once; a restart resumes', async () => {
    for (let i = 0; i < 300; i++) await store.append(`account-${i % 13}`, [earned(i), noted()]);
    let last = await store.append('account-x', [earned(1000)]);
    const oneByOne = open(withIndex(false), join(dir, 'one-by-one.sqlite'));
    const bulkFile = join(dir, 'bulk.sqlite');
    let bulk = open(withIndex(true), bulkFile);
    for (const r of [oneByOne, bulk]) r.start();
    for (const r of [oneByOne, bulk]) await r.waitFor(last.position);
    expect(bulk.checksum('totals')).toBe(oneByOne.checksum('totals'));
    expect(bulk.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'totals_by_total'").get()).toBeDefined();
    expect(existsSync(`${bulkFile}.bulk-totals`)).toBe(false);

    last = await store.append('account-x', [earned(1)]);
    for (const r of [oneByOne, bulk]) await r.waitFor(last.position);
    expect(bulk.checksum('totals')).toBe(oneByOne.checksum('totals'));
    await bulk.close();
    last = await store.append('account-y', [earned(2)]);
    bulk = open(withIndex(true), bulkFile);
    bulk.start();
    await bulk.waitFor(last.position);
    await oneByOne.waitFor(last.position);
    expect(bulk.checksum('totals')).toBe(oneByOne.checksum('totals'));
  });

  it('a scratch file left by a load that crashed is thrown away, not copied', async () => {
    const last = await store.append('account-a', [earned(5), earned(6)]);
    const file = join(dir, 'bulk.sqlite');
    const leftover = new Database(`${file}.bulk-totals`);
    leftover.exec(totals().schema);
    leftover.prepare("INSERT INTO totals_accounts VALUES ('account-ghost', 99, 1)").run();
    leftover.close();
    const r = open(withIndex(true), file);
    r.start();
    await r.waitFor(last.position);
    expect(r.db.prepare('SELECT account, total, events FROM totals_accounts').all()).toEqual([{ account: 'account-a', total: 11, events: 2 }]);
  });
});
