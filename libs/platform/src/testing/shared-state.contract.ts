import { randomUUID } from 'node:crypto';
import type { SharedState } from '../shared-state/shared-state.port';

/**
 * What a SharedState adapter under test provides. `open()` returns a client on the SAME store (a
 * second replica), so races run across clients; `advanceTime` moves the adapter's notion of time
 * (a manual clock, or real sleeping for Redis).
 */
export interface SharedStateHarness {
  open(): SharedState;
  advanceTime(ms: number): Promise<void>;
  /** Closes clients and removes what the run wrote. */
  dispose(): Promise<void>;
}

/** The semantics every SharedState adapter must share; run it once per adapter. */
export function describeSharedStateContract(name: string, createHarness: () => Promise<SharedStateHarness>): void {
  describe(`SharedState contract: ${name}`, () => {
    let h: SharedStateHarness;
    let a: SharedState;
    let b: SharedState;
    // Unique per test, so tests never see each other's keys even on a shared Redis.
    const key = (label: string): string => `${label}:${randomUUID()}`;

    beforeAll(async () => {
      h = await createHarness();
      a = h.open();
      b = h.open();
    });
    afterAll(async () => {
      await h.dispose();
    });

    it('answers ping', async () => {
      await expect(a.ping()).resolves.toBeUndefined();
    });

    it('sets, reads, overwrites and deletes', async () => {
      const k = key('kv');
      expect(await a.get(k)).toBeUndefined();
      await a.set(k, 'one');
      expect(await b.get(k)).toBe('one');
      await b.set(k, 'two', 60_000);
      expect(await a.get(k)).toBe('two');
      await a.delete(k);
      expect(await b.get(k)).toBeUndefined();
    });

    it('setIfAbsent: among many concurrent callers exactly one wins', async () => {
      const k = key('race');
      const clients = [a, b];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => clients[i % 2]!.setIfAbsent(k, `caller-${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await a.get(k)).toBe(`caller-${winner}`);
      expect(await b.setIfAbsent(k, 'late', 60_000)).toBe(false);
    });

    it('expires keys after their TTL, and setIfAbsent succeeds again', async () => {
      const k = key('ttl');
      expect(await a.setIfAbsent(k, 'first', 100)).toBe(true);
      await h.advanceTime(250);
      expect(await b.get(k)).toBeUndefined();
      expect(await b.setIfAbsent(k, 'second', 60_000)).toBe(true);
      expect(await a.get(k)).toBe('second');
    });

    it('set without TTL keeps the key; set with TTL replaces an older expiry', async () => {
      const k = key('ttl-set');
      await a.set(k, 'keep');
      await a.set(key('other'), 'x', 100);
      await h.advanceTime(250);
      expect(await a.get(k)).toBe('keep');
      await a.set(k, 'short', 100);
      await h.advanceTime(250);
      expect(await a.get(k)).toBeUndefined();
    });

    it('lease: exclusive to one holder, renewable by it', async () => {
      const lease = key('lease');
      expect(await a.acquireLease(lease, 'relay-1', 60_000)).toBe(true);
      expect(await b.acquireLease(lease, 'relay-2', 60_000)).toBe(false);
      expect(await a.acquireLease(lease, 'relay-1', 60_000)).toBe(true);
      const racers = await Promise.all(Array.from({ length: 20 }, (_, i) => b.acquireLease(lease, `other-${i}`, 60_000)));
      expect(racers.every((won) => !won)).toBe(true);
    });

    it('lease: concurrent first acquisition has exactly one winner', async () => {
      const lease = key('lease-race');
      const clients = [a, b];
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => clients[i % 2]!.acquireLease(lease, `h-${i}`, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lease: released only by its holder', async () => {
      const lease = key('lease-release');
      await a.acquireLease(lease, 'relay-1', 60_000);
      await b.releaseLease(lease, 'relay-2');
      expect(await b.acquireLease(lease, 'relay-2', 60_000)).toBe(false);
      await a.releaseLease(lease, 'relay-1');
      expect(await b.acquireLease(lease, 'relay-2', 60_000)).toBe(true);
    });

    it('lease: handed over when it expires; renewal keeps it alive; the old holder cannot free it', async () => {
      const lease = key('lease-expiry');
      // A second of lease with 400 ms of slack either side: real Redis keeps real time, and a loaded CI
      // machine once took more than the 80 ms a 200 ms lease left between the sleeps.
      expect(await a.acquireLease(lease, 'relay-1', 1_000)).toBe(true);
      await h.advanceTime(600);
      expect(await a.acquireLease(lease, 'relay-1', 1_000)).toBe(true); // renewed: now expires 1 s from here
      await h.advanceTime(600);
      expect(await b.acquireLease(lease, 'relay-2', 1_000)).toBe(false);
      await h.advanceTime(1_000);
      expect(await b.acquireLease(lease, 'relay-2', 60_000)).toBe(true);
      await a.releaseLease(lease, 'relay-1');
      expect(await a.acquireLease(lease, 'relay-1', 60_000)).toBe(false);
    });

    it('windowed counter counts within a window across clients', async () => {
      const k = key('window');
      const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).incrementWindow(k, 3_600_000)));
      expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await a.incrementWindow(key('window-other'), 3_600_000)).toBe(1);
    });

    it('windowed counter starts again in the next window', async () => {
      const k = key('window-roll');
      expect(await a.incrementWindow(k, 100)).toBe(1);
      await h.advanceTime(250);
      expect(await b.incrementWindow(k, 100)).toBe(1);
    });
  });
}
