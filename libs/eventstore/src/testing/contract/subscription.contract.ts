import fc from 'fast-check';
import type { EventStore, NewEvent } from '../../event-store.port';
import type { ContractContext } from '../event-store.contract';
import { collect, collectFromSubscription, newEvents, uniqueName } from '../event-store.fixtures';

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

export function describeSubscriptionContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    it('catches up from the start, then delivers live events, filtered', async () => {
      const store = await ctx.store();
      const category = uniqueName('sub');
      const history = newEvents(5);
      await store.append(`${category}-1`, history);
      await store.append(uniqueName('other-'), newEvents(3));

      const live = newEvents(3);
      const received = await collectFromSubscription(store.subscribeToAll({ filter: { streamPrefixes: [category] } }), {
        count: 8,
        onEvent: async (_e, n) => {
          if (n === 5) await store.append(`${category}-2`, live);
        },
      });
      expect(ids(received)).toEqual(ids([...history, ...live]));
    });

    it('catches up through a long, partly filtered-out history in order', async () => {
      const store = await ctx.store();
      const category = uniqueName('long');
      const wanted: NewEvent[] = [];
      for (let i = 0; i < 6; i += 1) {
        const batch = newEvents(250, 'Wanted');
        wanted.push(...batch);
        await store.append(`${category}-1`, batch);
        await store.append(`${category}-2`, newEvents(150, 'Ignored'));
      }
      const received = await collectFromSubscription(
        store.subscribeToAll({ filter: { streamPrefixes: [category], eventTypes: ['Wanted'] } }),
        { count: wanted.length, timeoutMs: 20_000 },
      );
      expect(received).toHaveLength(wanted.length);
      expect(ids(received)).toEqual(ids(wanted));
    }, 120_000);

    it('is exclusive of fromPosition, and `end` delivers only what comes next', async () => {
      const store = await ctx.store();
      const category = uniqueName('excl');
      const written = newEvents(4);
      await store.append(`${category}-1`, written);
      const [, second] = await collect(store.readStream(`${category}-1`));

      const fromSecond = await collectFromSubscription(
        store.subscribeToAll({ fromPosition: second!.position, filter: { streamPrefixes: [category] } }),
        { count: 2 },
      );
      expect(ids(fromSecond)).toEqual(ids(written.slice(2)));

      const fromEnd = store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [category] } });
      const later = newEvents(2);
      const pending = collectFromSubscription(fromEnd, { count: 2 });
      await store.append(`${category}-1`, later);
      expect(ids(await pending)).toEqual(ids(later));
    });

    it('filters a subscription by event type', async () => {
      const store = await ctx.store();
      const category = uniqueName('typed');
      const wanted = newEvents(2, 'Wanted');
      await store.append(`${category}-1`, [...newEvents(2, 'Unwanted'), wanted[0]!]);
      await store.append(`${category}-2`, [wanted[1]!, ...newEvents(1, 'Unwanted')]);
      const received = await collectFromSubscription(
        store.subscribeToAll({ filter: { streamPrefixes: [category], eventTypes: ['Wanted'] } }),
        { count: 2 },
      );
      expect(ids(received)).toEqual(ids(wanted));
    });

    it('unsubscribe ends the iteration', async () => {
      const store = await ctx.store();
      const subscription = store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [uniqueName('quiet')] } });
      const done = (async () => {
        const seen = [];
        for await (const e of subscription) seen.push(e);
        return seen;
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await subscription.unsubscribe();
      let timer: NodeJS.Timeout | undefined;
      const stillRunning = new Promise((resolve) => {
        timer = setTimeout(() => resolve('still running'), 5_000);
      });
      expect(await Promise.race([done, stillRunning])).toEqual([]);
      clearTimeout(timer);
    });

    it('has no gap and no duplicate when appends race the catch-up (randomized interleavings)', async () => {
      const store = await ctx.store();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 30 }),
          fc.array(fc.record({ after: fc.integer({ min: 1, max: 40 }), size: fc.integer({ min: 1, max: 5 }) }), { maxLength: 6 }),
          async (historySize, appends) => {
            const category = uniqueName('race');
            const expected = await appendHistory(store, category, historySize);
            // Each batch is appended when the subscriber has received `after` events, i.e. while it is
            // suspended mid-page in catch-up or live; when it has caught up with everything written, the
            // next batch goes in so the run always progresses.
            const pending = [...appends].sort((x, y) => x.after - y.after).map((a) => ({ ...a, batch: newEvents(a.size, 'Live') }));
            const all = [...expected, ...pending.flatMap((p) => p.batch)];
            let written = expected.length;
            const appendDue = async (received: number): Promise<void> => {
              while (pending[0] !== undefined && (pending[0].after <= received || received === written)) {
                const next = pending.shift()!;
                await store.append(`${category}-${next.after % 3}`, next.batch);
                written += next.size;
              }
            };
            await appendDue(0);
            const received = await collectFromSubscription(store.subscribeToAll({ filter: { streamPrefixes: [category] } }), {
              count: all.length,
              idleMs: 100,
              onEvent: (_e, n) => appendDue(n),
            });
            expect(ids(received)).toEqual(ids(all));
          },
        ),
        { numRuns: 12 },
      );
    }, 120_000);

    it('restarts from a stored checkpoint in a new store instance with only later events', async () => {
      const category = uniqueName('restart');
      const subscriber = uniqueName('projection-');
      const first = await ctx.reopen();
      const before = newEvents(5);
      await first.append(`${category}-1`, before);
      const processed = await collectFromSubscription(first.subscribeToAll({ filter: { streamPrefixes: [category] } }), {
        count: 3,
        idleMs: 0,
      });
      await first.checkpoints.store(subscriber, processed[2]!.position);
      await first.close();

      const second = await ctx.reopen();
      const checkpoint = await second.checkpoints.load(subscriber);
      expect(checkpoint).toEqual(processed[2]!.position);
      const after = newEvents(2);
      await second.append(`${category}-2`, after);
      const resumed = await collectFromSubscription(
        second.subscribeToAll({ fromPosition: checkpoint!, filter: { streamPrefixes: [category] } }),
        { count: 4 },
      );
      expect(ids(resumed)).toEqual(ids([...before.slice(3), ...after]));
    });
  });
}

async function appendHistory(store: EventStore, category: string, size: number): Promise<NewEvent[]> {
  const written: NewEvent[] = [];
  for (let i = 0; i < size; i += 7) {
    const batch = newEvents(Math.min(7, size - i));
    await store.append(`${category}-${i % 2}`, batch);
    written.push(...batch);
  }
  return written;
}
