import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Batcher, SqliteEventStore, type ReadyItems } from '@hope/eventstore';
import { newEvents } from '@hope/eventstore/testing';

/** A source holding pages of items: next() hands over one, takeReady() the rest of the page; both counted. */
function pagedSource(pages: number[][], withReady: boolean): AsyncIterator<number> & Partial<ReadyItems<number>> & { nexts: number } {
  const items = pages.map((p) => [...p]);
  const source = {
    nexts: 0,
    async next(): Promise<IteratorResult<number>> {
      source.nexts++;
      while (items.length > 0 && items[0]!.length === 0) items.shift();
      const page = items[0];
      return page === undefined ? { done: true, value: undefined } : { done: false, value: page.shift()! };
    },
    ...(withReady ? { takeReady: (max: number) => (items[0] ?? []).splice(0, max) } : {}),
  };
  return source;
}

const drain = async (batcher: Batcher<number>): Promise<number[][]> => {
  const batches: number[][] = [];
  while (!batcher.finished) {
    const batch = await batcher.nextBatch();
    if (batch.length > 0) batches.push(batch);
  }
  return batches;
};

describe('Batcher with a source that holds items ready (a page read already)', () => {
  const pages = [Array.from({ length: 250 }, (_, i) => i), Array.from({ length: 120 }, (_, i) => 250 + i)];

  it('takes the ready items in one call instead of one next() each, same batches in the same order', async () => {
    const ready = pagedSource(pages, true);
    const plain = pagedSource(pages, false);
    const withReady = await drain(new Batcher(ready, 100, 5));
    const withoutReady = await drain(new Batcher(plain, 100, 5));
    expect(withReady.flat()).toEqual(Array.from({ length: 370 }, (_, i) => i));
    expect(withReady).toEqual(withoutReady);
    expect(withReady.map((b) => b.length)).toEqual([100, 100, 100, 70]);
    // One next() per batch (and one to see the end), not one per item.
    expect(ready.nexts).toBeLessThanOrEqual(6);
    expect(plain.nexts).toBe(371);
  });
});

describe('SqliteSubscription hands a batcher its page at once', () => {
  it('delivers every event once, in order, in full batches, across pages, then live appends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hope-batching-'));
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pageSize: 70 });
    try {
      for (let i = 0; i < 300; i += 30) await store.append(`s-${i % 90}`, newEvents(30, 'Tested', i));
      const subscription = store.subscribeToAll();
      const batcher = new Batcher(subscription[Symbol.asyncIterator](), 100, 5);
      const seen: number[] = [];
      const sizes: number[] = [];
      while (seen.length < 300) {
        const batch = await batcher.nextBatch();
        sizes.push(batch.length);
        seen.push(...batch.map((e) => Number(e.position.commit)));
      }
      expect(sizes).toEqual([100, 100, 100]);
      const live = batcher.nextBatch();
      await store.append('live', newEvents(3, 'Tested', 300));
      seen.push(...(await live).map((e) => Number(e.position.commit)));
      expect(seen).toEqual(Array.from({ length: 303 }, (_, i) => i + 1));
      await subscription.unsubscribe();
      expect(await batcher.nextBatch()).toEqual([]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
