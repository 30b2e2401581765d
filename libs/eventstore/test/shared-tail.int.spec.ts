import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@hope/eventstore';
import { collectFromSubscription, newEvents } from '@hope/eventstore/testing';

/**
 * The relay and every projection subscribe to the same store and are woken by the same commit: the
 * store reads and parses the new events once for all of them (its shared tail), and each subscription
 * still gets every event once, in order, whether it keeps up, lags far behind or starts at the end.
 */
describe('SqliteEventStore: subscriptions share the newest events', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-es-tail-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const positions = (events: readonly RecordedEvent[]): number[] => events.map((e) => Number(e.position.commit));
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('hands the same decoded events to every live subscription, and a filtered one only its types', async () => {
    const a = collectFromSubscription(store.subscribeToAll(), { count: 300, idleMs: 100 });
    const b = collectFromSubscription(store.subscribeToAll(), { count: 300, idleMs: 100 });
    const odd = collectFromSubscription(store.subscribeToAll({ filter: { eventTypes: ['Odd'] } }), { count: 50, idleMs: 100 });
    for (let i = 0; i < 300; i += 30) {
      await store.append(`s-${i}`, [...newEvents(20, 'Even', i), ...(i % 60 === 0 ? newEvents(10, 'Odd', i) : newEvents(10, 'Even', i + 20))]);
    }
    const [fromA, fromB, fromOdd] = await Promise.all([a, b, odd]);
    expect(positions(fromA)).toEqual(range(1, 300));
    expect(positions(fromB)).toEqual(range(1, 300));
    // One read and one parse of each event, whichever subscription came first.
    expect(fromA.every((e, i) => e === fromB[i])).toBe(true);
    expect(fromOdd).toHaveLength(50);
    expect(fromOdd.every((e) => e.type === 'Odd')).toBe(true);
    expect(fromA[0]).toMatchObject({ stream: 's-0', revision: 0, type: 'Even', data: { n: 0 } });
  });

  it('gives each subscription every event once, in order: one far behind the shared tail, one from the end', async () => {
    const total = 6_000;
    let appendedAll!: () => void;
    const allThere = new Promise<void>((done) => (appendedAll = done));
    const fast = collectFromSubscription(store.subscribeToAll(), { count: total, idleMs: 100, timeoutMs: 60_000 });
    // Stops after 10 events until everything is written: by then the tail holds only the newest events.
    const slow = collectFromSubscription(store.subscribeToAll(), { count: total, idleMs: 100, timeoutMs: 60_000, onEvent: (_, n) => (n === 10 ? allThere : undefined) });
    let fromEnd: Promise<RecordedEvent[]> | undefined;
    for (let i = 0; i < total; i += 250) {
      if (i === 1_000) fromEnd = collectFromSubscription(store.subscribeToAll({ fromPosition: 'end' }), { count: total - 1_000, idleMs: 100, timeoutMs: 60_000 });
      await store.append(`t-${i}`, newEvents(250, 'Tested', i));
      // Let the live subscriptions read as the log grows, as they would under a steady import.
      await new Promise((done) => setTimeout(done, 5));
    }
    appendedAll();
    const [f, s, e] = await Promise.all([fast, slow, fromEnd!]);
    expect(positions(f)).toEqual(range(1, total));
    expect(positions(s)).toEqual(range(1, total));
    expect(positions(e)).toEqual(range(1_001, total));
    expect(s.map((x) => (x.data as { n: number }).n)).toEqual(range(0, total - 1));
  });

  it('reads back what a subscription of another store on the file wrote, after the tail was filled', async () => {
    const other = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
    try {
      const seen = collectFromSubscription(store.subscribeToAll(), { count: 40, idleMs: 200 });
      await store.append('here', newEvents(20));
      await new Promise((done) => setTimeout(done, 100));
      await other.append('there', newEvents(20, 'Tested', 20));
      expect(positions(await seen)).toEqual(range(1, 40));
    } finally {
      await other.close();
    }
  });

  it('given two subscriptions sharing the tail, when one tries to change an event, then it throws and the other sees the fact unchanged', async () => {
    const a = collectFromSubscription(store.subscribeToAll(), { count: 5, idleMs: 100 });
    const b = collectFromSubscription(store.subscribeToAll(), { count: 5, idleMs: 100 });
    await store.append('s-frozen', newEvents(5, 'Fact', 0));
    const [fromA, fromB] = await Promise.all([a, b]);
    const before = JSON.stringify(fromB[0]!.data);
    expect(fromA[0]!.data).toEqual(expect.any(Object));
    expect(fromA[0]!.metadata).toEqual(expect.any(Object));
    expect(() => ((fromA[0]!.data as Record<string, unknown>).amount = -1)).toThrow(TypeError);
    expect(() => ((fromA[0]!.metadata as Record<string, unknown>).correlationId = 'forged')).toThrow(TypeError);
    expect(() => ((fromA[0] as { type: string }).type = 'Other')).toThrow(TypeError);
    expect(JSON.stringify(fromB[0]!.data)).toBe(before);
    expect(fromB[0]!.type).toBe('Fact');
  });
});
