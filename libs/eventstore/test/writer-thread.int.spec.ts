import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WriterThreadFailed, type NewEvent } from '@hope/eventstore';
import { collect } from '@hope/eventstore/testing';

const batch = (n: number): NewEvent[] => Array.from({ length: n }, (_, i) => ({ id: randomUUID(), type: 'Noted', data: { i } }));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The SQLite store commits in a worker thread. A thread that dies with a write in flight must fail that
 * write to its caller (its outcome is unknown), never answer it as done, and never leave half a batch;
 * the store carries on with a new thread, and the idempotent retry settles the outcome.
 */
describe('SQLite store: the writer thread dies', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-thread-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an append in flight, when the thread is terminated, then the caller is failed, the batch is all there or absent, and a retry lands it once', async () => {
    const events = batch(20_000);
    const inFlight = store.append('big', events, { expectedRevision: 'no_stream' });
    await nextTurn(); // the batch is posted to the thread
    const thread = store.writerThread.thread;
    expect(thread).toBeDefined();
    await thread!.terminate();

    await expect(inFlight).rejects.toBeInstanceOf(WriterThreadFailed);
    expect([0, events.length]).toContain((await collect(store.readStream('big'))).length);

    const retried = await store.append('big', events, { expectedRevision: 'no_stream' });
    expect(retried.nextExpectedRevision).toBe(events.length - 1);
    expect((await collect(store.readStream('big'))).map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('appends queued behind the lost batch go to a new thread and are answered with their own results', async () => {
    const lost = store.append('lost', batch(20_000));
    await nextTurn();
    const queued = [store.append('queued', batch(1), { expectedRevision: 'no_stream' }), store.checkpoints.store('relay', { commit: 7n, prepare: 7n })];
    await store.writerThread.thread!.terminate();

    await expect(lost).rejects.toBeInstanceOf(WriterThreadFailed);
    await expect(queued[0]).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await queued[1];
    expect(await store.checkpoints.load('relay')).toEqual({ commit: 7n, prepare: 7n });
  });
});
