import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, WrongExpectedVersion, type NewEvent } from '@hope/eventstore';

const event = (): NewEvent => ({ id: randomUUID(), type: 'Noted', data: { at: Date.now() } });

/**
 * Group commit: appends issued in the same turn share one transaction and one fsync. Counted from the
 * outside: SQLite's data_version, seen from a second connection, moves once per commit by others.
 */
describe('SQLite store: group commit', () => {
  let dir: string;
  let store: SqliteEventStore;
  let observer: Database.Database;
  const commits = () => Number(observer.pragma('data_version', { simple: true }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    observer = new Database(join(dir, 'events.sqlite'), { readonly: true });
  });
  afterEach(async () => {
    observer.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given 64 concurrent appenders on 64 streams, when they append, then one commit holds them all, each answered with its own revision', async () => {
    const before = commits();
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => store.append(`s-${i}`, [event()], { expectedRevision: 'no_stream' })));
    expect(commits() - before).toBe(1);
    expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
    expect(new Set(results.map((r) => r.position.commit)).size).toBe(64);
  });

  it('a refused append in the group fails alone; appends to one stream in one group apply in arrival order', async () => {
    await store.append('busy', [event()], { expectedRevision: 'no_stream' });
    const [a, stale, b, c] = await Promise.allSettled([
      store.append('busy', [event()], { expectedRevision: 0 }),
      store.append('busy', [event()], { expectedRevision: 0 }),
      store.append('busy', [event()], { expectedRevision: 1 }),
      store.append('other', [event()], { expectedRevision: 'no_stream' }),
    ]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1 } });
    expect(stale).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersion) });
    expect(b).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 2 } });
    expect(c).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0 } });
    const revisions = [];
    for await (const e of store.readStream('busy')) revisions.push(e.revision);
    expect(revisions).toEqual([0, 1, 2]);
  });

  it('appends accepted before close are committed by close', async () => {
    const pending = store.append('late', [event()]);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    const seen = [];
    for await (const e of reopened.readStream('late')) seen.push(e.id);
    expect(seen).toHaveLength(1);
    await reopened.close();
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
});
