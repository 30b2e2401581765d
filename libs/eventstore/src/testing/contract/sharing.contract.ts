import type { EventStore } from '../../event-store.port';
import { namespaced } from '../../namespaced-event-store';
import type { ContractContext } from '../event-store.contract';
import { collect, collectFromSubscription, newEvents, uniqueName } from '../event-store.fixtures';

const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

/**
 * One store, many services: compose and k8s run one EventStoreDB for all four services, whose code names
 * the same streams (`probe-<id>`, `funnel-<demandId>`). Each service's namespaced view must see only its own.
 */
export function describeSharingContract(ctx: ContractContext): void {
  describe('one store shared by two services (namespaced)', () => {
    // Unique service names, so the suite also runs against a shared EventStoreDB server.
    const services = async (): Promise<{ a: EventStore; b: EventStore; names: [string, string] }> => {
      const names: [string, string] = [uniqueName('svca'), uniqueName('svcb')];
      // Service b runs in "another process": its own instance over the same storage.
      return { a: namespaced(await ctx.store(), names[0]), b: namespaced(await ctx.reopen(), names[1]), names };
    };

    it('keeps two services apart on the same stream names', async () => {
      const { a, b } = await services();
      const stream = uniqueName('funnel-');
      const ofA = newEvents(2, 'A');
      const ofB = newEvents(3, 'B');
      await a.append(stream, ofA, { expectedRevision: 'no_stream' });
      // The same name, also "no stream" for b: the streams are distinct in the shared store.
      await b.append(stream, ofB, { expectedRevision: 'no_stream' });

      const readA = await collect(a.readStream(stream));
      expect(ids(readA)).toEqual(ids(ofA));
      expect(readA.map((e) => e.stream)).toEqual([stream, stream]);
      expect(ids(await collect(b.readStream(stream)))).toEqual(ids(ofB));
      await expect(a.append(stream, newEvents(1), { expectedRevision: 5 })).rejects.toMatchObject({ stream, actual: 1 });
    });

    it('filters readAll and subscriptions to the service, and strips the namespace', async () => {
      const { a, b } = await services();
      const category = uniqueName('probe-');
      const ofA = newEvents(3, 'A');
      const ofB = newEvents(2, 'B');
      await a.append(`${category}-1`, ofA.slice(0, 2));
      await b.append(`${category}-1`, ofB);
      await a.append(`${category}-2`, ofA.slice(2));

      const allA = await collect(a.readAll({ filter: { streamPrefixes: [category] } }));
      expect(ids(allA)).toEqual(ids(ofA));
      expect(allA.map((e) => e.stream)).toEqual([`${category}-1`, `${category}-1`, `${category}-2`]);
      expect(ids(await collect(b.readAll({ filter: { streamPrefixes: [category] } })))).toEqual(ids(ofB));
      // No filter at all (a relay's view) is still only the service's own events.
      const everythingOfB = await collect(b.readAll());
      expect(everythingOfB.every((e) => e.type === 'B')).toBe(true);
      expect(ids(everythingOfB)).toEqual(ids(ofB));
      expect(ids(await collect(a.readAll({ direction: 'backwards', maxCount: 1 })))).toEqual(ids(ofA.slice(2)));

      const subA = await collectFromSubscription(a.subscribeToAll(), { count: 3 });
      expect(ids(subA)).toEqual(ids(ofA));
      const liveB = newEvents(1, 'B');
      const pendingB = collectFromSubscription(b.subscribeToAll({ fromPosition: 'end' }), { count: 1, idleMs: 500 });
      await new Promise((r) => setTimeout(r, 200));
      await a.append(`${category}-3`, newEvents(1, 'A'));
      await b.append(`${category}-3`, liveB);
      const receivedB = await pendingB;
      expect(ids(receivedB)).toEqual(ids(liveB));
      expect(receivedB[0]!.stream).toBe(`${category}-3`);
    });

    it('keeps checkpoints per service, positions the shared store\'s', async () => {
      const { a, b } = await services();
      await a.append(uniqueName('x-'), newEvents(1));
      const [last] = await collect(a.readAll({ direction: 'backwards', maxCount: 1 }));
      await a.checkpoints.store('relay', last!.position);
      expect(await b.checkpoints.load('relay')).toBeUndefined();
      expect(await a.checkpoints.load('relay')).toEqual(last!.position);
      // The position is the shared log's: the unwrapped store finds the event there.
      const raw = await ctx.store();
      const [same] = await collect(raw.readAll({ fromPosition: last!.position, maxCount: 1 }));
      expect(same!.id).toBe(last!.id);
    });
  });
}
