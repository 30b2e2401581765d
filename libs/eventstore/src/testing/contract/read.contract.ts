import { comparePositions, type RecordedEvent } from '../../event-store.port';
import type { ContractContext } from '../event-store.contract';
import { collect, newEvent, newEvents, uniqueName } from '../event-store.fixtures';

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);
const strictlyIncreasing = (events: readonly RecordedEvent[]): boolean =>
  events.every((e, i) => i === 0 || comparePositions(events[i - 1]!.position, e.position) < 0);

export function describeReadContract(ctx: ContractContext): void {
  describe('readStream', () => {
    it('reads an absent stream as empty', async () => {
      const store = await ctx.store();
      expect(await collect(store.readStream(uniqueName('nobody-')))).toEqual([]);
      expect(await collect(store.readStream(uniqueName('nobody-'), { direction: 'backwards' }))).toEqual([]);
    });

    it('reads forwards and backwards, from a revision, with a maximum count', async () => {
      const store = await ctx.store();
      const stream = uniqueName('demand-');
      const written = [...newEvents(3), ...newEvents(4, 'Tested', 3)];
      await store.append(stream, written.slice(0, 3));
      await store.append(stream, written.slice(3));

      const forwards = await collect(store.readStream(stream));
      expect(ids(forwards)).toEqual(ids(written));
      expect(forwards.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(strictlyIncreasing(forwards)).toBe(true);
      expect(ids(await collect(store.readStream(stream, { direction: 'backwards' })))).toEqual(ids(written).reverse());

      const from2 = await collect(store.readStream(stream, { fromRevision: 2, maxCount: 3 }));
      expect(from2.map((e) => e.revision)).toEqual([2, 3, 4]);
      const back = await collect(store.readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 2 }));
      expect(back.map((e) => e.revision)).toEqual([4, 3]);
      const last = await collect(store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }));
      expect(last.map((e) => e.revision)).toEqual([6]);
      expect(await collect(store.readStream(stream, { fromRevision: 7 }))).toEqual([]);
    });

    it('reads a 10k-event stream back complete and in order', async () => {
      const store = await ctx.store();
      const stream = uniqueName('big-');
      const written = newEvents(10_000);
      for (let i = 0; i < written.length; i += 1_000) {
        await store.append(stream, written.slice(i, i + 1_000), { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
      }
      const read = await collect(store.readStream(stream));
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.revision === i && e.id === written[i]?.id && (e.data as { n: number }).n === i)).toBe(true);
      const backwards = await collect(store.readStream(stream, { direction: 'backwards' }));
      expect(backwards.every((e, i) => e.revision === 9_999 - i)).toBe(true);
    }, 120_000);
  });

  describe('readAll', () => {
    it('returns events of all streams with strictly increasing positions, both directions', async () => {
      const store = await ctx.store();
      const category = uniqueName('all');
      const written = [];
      for (let i = 0; i < 6; i += 1) {
        const batch = newEvents(2, 'Tested', i * 2);
        written.push(...batch);
        await store.append(`${category}-${i % 3}`, batch);
      }
      const forwards = await collect(store.readAll({ filter: { streamPrefixes: [category] } }));
      expect(ids(forwards)).toEqual(ids(written));
      expect(strictlyIncreasing(forwards)).toBe(true);

      const backwards = await collect(store.readAll({ direction: 'backwards', filter: { streamPrefixes: [category] } }));
      expect(ids(backwards)).toEqual(ids(written).reverse());
    });

    it('reads from a position inclusively, with a maximum count', async () => {
      const store = await ctx.store();
      const category = uniqueName('from');
      const written = newEvents(6);
      for (const e of written) await store.append(`${category}-1`, [e]);
      const all = await collect(store.readAll({ filter: { streamPrefixes: [category] } }));
      const third = all[2]!.position;

      const after = await collect(store.readAll({ fromPosition: third, maxCount: 2, filter: { streamPrefixes: [category] } }));
      expect(ids(after)).toEqual(ids(written.slice(2, 4)));
      const before = await collect(store.readAll({ fromPosition: third, direction: 'backwards', filter: { streamPrefixes: [category] } }));
      expect(ids(before)).toEqual(ids(written.slice(0, 3)).reverse());
      const newest = await collect(store.readAll({ fromPosition: 'end', direction: 'backwards', maxCount: 1, filter: { streamPrefixes: [category] } }));
      expect(ids(newest)).toEqual([written[5]!.id]);
    });

    it('filters by stream prefixes, by event types, and by both', async () => {
      const store = await ctx.store();
      const a = uniqueName('fa');
      const b = uniqueName('fb');
      const c = uniqueName('fc');
      const e = {
        a1: newEvent('Opened', { n: 1 }),
        b1: newEvent('Closed', { n: 2 }),
        c1: newEvent('Opened', { n: 3 }),
        a2: newEvent('Closed', { n: 4 }),
        b2: newEvent('Opened', { n: 5 }),
      };
      await store.append(`${a}-1`, [e.a1]);
      await store.append(`${b}-1`, [e.b1]);
      await store.append(`${c}-1`, [e.c1]);
      await store.append(`${a}-2`, [e.a2]);
      await store.append(`${b}-1`, [e.b2]);

      expect(ids(await collect(store.readAll({ filter: { streamPrefixes: [a, b] } })))).toEqual(ids([e.a1, e.b1, e.a2, e.b2]));
      const opened = await collect(store.readAll({ filter: { streamPrefixes: [a, b, c], eventTypes: ['Opened'] } }));
      expect(ids(opened)).toEqual(ids([e.a1, e.c1, e.b2]));
      const closedInB = await collect(store.readAll({ filter: { streamPrefixes: [b], eventTypes: ['Closed', 'Other'] } }));
      expect(ids(closedInB)).toEqual(ids([e.b1]));
      const byType = await collect(store.readAll({ direction: 'backwards', maxCount: 50, filter: { eventTypes: ['Opened'] } }));
      expect(byType.every((x) => x.type === 'Opened')).toBe(true);
      expect(ids(byType).slice(0, 3)).toEqual(ids([e.b2, e.c1, e.a1]));
    });
  });

  describe('checkpoints', () => {
    it('loads what was stored last, undefined before, and stays out of $all reads', async () => {
      const store = await ctx.store();
      const subscriber = uniqueName('relay-');
      expect(await store.checkpoints.load(subscriber)).toBeUndefined();
      const stream = uniqueName('cp-');
      await store.append(stream, newEvents(2));
      const [p1, p2] = (await collect(store.readStream(stream))).map((e) => e.position);
      await store.checkpoints.store(subscriber, p1!);
      await store.checkpoints.store(subscriber, p2!);
      expect(await store.checkpoints.load(subscriber)).toEqual(p2);

      const recent = await collect(store.readAll({ direction: 'backwards', maxCount: 200 }));
      expect(recent.some((e) => e.stream.includes(subscriber) || e.type.startsWith('$'))).toBe(false);
      expect(ids(recent)).toContain(ids(await collect(store.readStream(stream)))[1]);
    });
  });
}
