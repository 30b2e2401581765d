import type { EventStore, ReadAllOptions, RecordedEvent, SubscribeToAllOptions } from './event-store.port';
import { serverFilterFor } from './esdb/esdb-filter';
import { namespaced, namespaceOf } from './namespaced-event-store';

/** Records what the namespaced view asks the adapter for: the filter must reach it, not be applied after. */
function recordingStore(): { store: EventStore; reads: ReadAllOptions[]; subscriptions: SubscribeToAllOptions[] } {
  const reads: ReadAllOptions[] = [];
  const subscriptions: SubscribeToAllOptions[] = [];
  const none = async function* (): AsyncIterable<RecordedEvent> {};
  const store: EventStore = {
    append: async () => ({ nextExpectedRevision: 0, position: { commit: 1n, prepare: 1n } }),
    readStream: none,
    readAll: (o) => (reads.push(o ?? {}), none()),
    subscribeToAll: (o) => (subscriptions.push(o ?? {}), { unsubscribe: async () => undefined, [Symbol.asyncIterator]: () => none()[Symbol.asyncIterator]() }),
    checkpoints: { load: async () => undefined, store: async () => undefined },
    close: async () => undefined,
  };
  return { store, reads, subscriptions };
}

describe('namespaced(store, service)', () => {
  it('hands the adapter a stream-prefix filter, which EventStoreDB evaluates server-side', async () => {
    const { store, reads, subscriptions } = recordingStore();
    const points = namespaced(store, 'points');
    for await (const _ of points.readAll()) break;
    for await (const _ of points.readAll({ filter: { streamPrefixes: ['account-'], eventTypes: ['PointsEarned'] } })) break;
    points.subscribeToAll({ fromPosition: 'end' });
    expect(reads.map((o) => o.filter)).toEqual([{ streamPrefixes: ['points.'] }, { streamPrefixes: ['points.account-'], eventTypes: ['PointsEarned'] }]);
    expect(subscriptions).toEqual([{ fromPosition: 'end', filter: { streamPrefixes: ['points.'] } }]);
    // The EventStoreDB adapter turns that into a server-side stream-name filter on $all.
    expect(serverFilterFor(subscriptions[0]!.filter)).toEqual({ on: 'stream', prefixes: ['points.'] });
  });

  it('keeps an empty prefix list empty (matches nothing) and refuses names that could overlap', () => {
    const { store, reads } = recordingStore();
    void namespaced(store, 'demand').readAll({ filter: { streamPrefixes: [] } })[Symbol.asyncIterator]().next();
    expect(reads[0]!.filter).toEqual({ streamPrefixes: [] });
    expect(namespaceOf('matching')).toBe('matching.');
    expect(() => namespaceOf('points.v2')).toThrow(TypeError);
  });
});
