import { randomUUID } from 'node:crypto';
import { WrongExpectedVersion, type ExpectedRevision } from '../../event-store.port';
import type { ContractContext } from '../event-store.contract';
import { collect, newEvents, rejectionOf, uniqueName } from '../event-store.fixtures';

export function describeAppendContract(ctx: ContractContext): void {
  describe('append with an expected revision', () => {
    const conflict = (stream: string, expected: ExpectedRevision, actual: number | undefined) =>
      expect.objectContaining({ name: 'WrongExpectedVersion', code: 'EVENTSTORE.WRONG_EXPECTED_VERSION', stream, expected, actual });

    it('no_stream creates a stream and refuses an existing one', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      const created = await store.append(stream, newEvents(2), { expectedRevision: 'no_stream' });
      expect(created.nextExpectedRevision).toBe(1);

      const error = await rejectionOf(store.append(stream, newEvents(1), { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedVersion);
      expect(error).toEqual(conflict(stream, 'no_stream', 1));
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });

    it('stream_exists refuses an absent stream and appends to an existing one', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      expect(await rejectionOf(store.append(stream, newEvents(1), { expectedRevision: 'stream_exists' }))).toEqual(
        conflict(stream, 'stream_exists', undefined),
      );
      expect(await collect(store.readStream(stream))).toEqual([]);

      await store.append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const result = await store.append(stream, newEvents(2), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2);
    });

    it('any appends whether or not the stream exists, and is the default', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      expect((await store.append(stream, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
      expect((await store.append(stream, newEvents(2))).nextExpectedRevision).toBe(2);
    });

    it('a number must equal the revision of the last event; a mismatch writes nothing', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      expect(await rejectionOf(store.append(stream, newEvents(1), { expectedRevision: 0 }))).toEqual(conflict(stream, 0, undefined));

      await store.append(stream, newEvents(3), { expectedRevision: 'no_stream' });
      expect((await store.append(stream, newEvents(1), { expectedRevision: 2 })).nextExpectedRevision).toBe(3);
      expect(await rejectionOf(store.append(stream, newEvents(5), { expectedRevision: 2 }))).toEqual(conflict(stream, 2, 3));
      expect(await rejectionOf(store.append(stream, newEvents(5), { expectedRevision: 7 }))).toEqual(conflict(stream, 7, 3));
      expect((await collect(store.readStream(stream))).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('returns the revision and position the last event is recorded at', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      const result = await store.append(stream, newEvents(3));
      const events = await collect(store.readStream(stream));
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(events[2]?.position).toEqual(result.position);
      expect(result.nextExpectedRevision).toBe(2);
    });

    it('records ids, types, data and metadata as given', async () => {
      const store = await ctx.store();
      const stream = uniqueName('order-');
      const event = { id: randomUUID(), type: 'OrderPlaced', data: { total: 12.5, lines: ['a', 'b'], note: null }, metadata: { correlationId: 'c-1', causationId: 'k-1', version: 2 } };
      await store.append(stream, [event]);
      const [recorded] = await collect(store.readStream(stream));
      expect(recorded).toMatchObject({ ...event, stream, revision: 0 });
      expect(recorded?.recordedAt).toBeInstanceOf(Date);
      expect(Math.abs((recorded?.recordedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    });

    it('of N concurrent appends with the same expected revision exactly one wins', async () => {
      const store = await ctx.store();
      const stream = uniqueName('account-');
      await store.append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const batches = Array.from({ length: 8 }, (_, i) => newEvents(3, `Writer${i}`));
      const results = await Promise.allSettled(batches.map((b) => store.append(stream, b, { expectedRevision: 0 })));

      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const error of lost) expect(error).toEqual(conflict(stream, 0, 3));
      const events = await collect(store.readStream(stream));
      expect(events).toHaveLength(4);
      const winner = results.findIndex((r) => r.status === 'fulfilled');
      expect(events.slice(1).map((e) => e.id)).toEqual(batches[winner]?.map((e) => e.id));
    });

    it('a 100-event batch is all there or not at all under a conflict', async () => {
      const store = await ctx.store();
      const stream = uniqueName('ledger-');
      await store.append(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const a = newEvents(100, 'A');
      const b = newEvents(100, 'B');
      const results = await Promise.allSettled([a, b].map((batch) => store.append(stream, batch, { expectedRevision: 0 })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

      const types = (await collect(store.readStream(stream))).slice(1).map((e) => e.type);
      expect(types).toHaveLength(100);
      expect(new Set(types).size).toBe(1);
      expect(await rejectionOf(store.append(stream, newEvents(100, 'C'), { expectedRevision: 0 }))).toBeInstanceOf(WrongExpectedVersion);
      expect(await collect(store.readStream(stream))).toHaveLength(101);
    });
  });

  describe('idempotent append (same event ids)', () => {
    it.each<[string, (last: number) => ExpectedRevision]>([
      ['no_stream', () => 'no_stream'],
      ['any', () => 'any'],
    ])('re-appending a first batch with %s is a no-op with the same result', async (_name, expected) => {
      const store = await ctx.store();
      const stream = uniqueName('points-');
      const batch = newEvents(3);
      const first = await store.append(stream, batch, { expectedRevision: expected(-1) });
      const again = await store.append(stream, batch, { expectedRevision: expected(-1) });
      expect(again).toEqual(first);
      expect((await collect(store.readStream(stream))).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('re-appending a later batch at the revision it was appended with is a no-op', async () => {
      const store = await ctx.store();
      const stream = uniqueName('points-');
      await store.append(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const batch = newEvents(2);
      const first = await store.append(stream, batch, { expectedRevision: 1 });
      await store.append(stream, newEvents(1), { expectedRevision: 3 });
      const again = await store.append(stream, batch, { expectedRevision: 1 });
      expect(again).toEqual(first);
      expect(await collect(store.readStream(stream))).toHaveLength(5);
    });

    it('a batch that only partly overlaps what was written is a conflict and writes nothing', async () => {
      const store = await ctx.store();
      const stream = uniqueName('points-');
      const batch = newEvents(2);
      await store.append(stream, batch, { expectedRevision: 'no_stream' });
      const overlapping = [...batch, ...newEvents(1)];
      expect(await rejectionOf(store.append(stream, overlapping, { expectedRevision: 'no_stream' }))).toBeInstanceOf(WrongExpectedVersion);
      const reordered = [batch[1]!, batch[0]!];
      expect(await rejectionOf(store.append(stream, reordered, { expectedRevision: 'no_stream' }))).toBeInstanceOf(WrongExpectedVersion);
      const withAny = [...batch, ...newEvents(1)];
      expect(await rejectionOf(store.append(stream, withAny, { expectedRevision: 'any' }))).toBeInstanceOf(WrongExpectedVersion);
      expect(await collect(store.readStream(stream))).toHaveLength(2);
    });
  });
}
