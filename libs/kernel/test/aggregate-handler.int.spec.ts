import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hope/eventstore';
import { aggregate, AggregateHandler, ConcurrencyError, deterministicUuid, IllegalStateError, WrongExpectedVersion, type EventStore, type Position } from '@hope/kernel';

// A counter with a ceiling: the smallest aggregate that can refuse, do nothing, and emit two events.
type Command = { type: 'Add'; data: { n: number } } | { type: 'Reset'; data: { by: string } } | { type: 'Touch'; data: Record<string, never> };
type Event = { type: 'Added'; data: { n: number } } | { type: 'Reset'; data: { by: string } } | { type: 'Audited'; data: { total: number } };
type State = { total: number };
class TooMuch extends IllegalStateError {
  constructor() {
    super('COUNTER.TOO_MUCH', 'over the ceiling');
  }
}
const counters = aggregate<State, Command, Event>({
  name: 'test.counter',
  streamOf: (id) => `counter-${id}`,
  decider: {
    initialState: { total: 0 },
    decide: (c, s) => {
      switch (c.type) {
        case 'Add':
          if (s.total + c.data.n > 100) throw new TooMuch();
          return [{ type: 'Added', data: { n: c.data.n } }, { type: 'Audited', data: { total: s.total + c.data.n } }];
        case 'Reset':
          return s.total === 0 ? [] : [{ type: 'Reset', data: { by: c.data.by } }];
        case 'Touch':
          return [];
      }
    },
    evolve: (s, e) => (e.type === 'Added' ? { total: s.total + e.data.n } : e.type === 'Reset' ? { total: 0 } : s),
  },
  handlerNames: { Add: 'test.counter.add', Reset: (c) => `test.counter.reset.${c.data.by}`, Touch: 'test.counter.touch' },
  retries: 3,
  backoffMs: 1,
});
const add = (n: number): Command => ({ type: 'Add', data: { n } });

describe('AggregateHandler: load -> decide -> append, one way for every aggregate', () => {
  let dir: string;
  let store: SqliteEventStore;
  const read = async (id: string) => {
    const out = [];
    for await (const e of store.readStream(`counter-${id}`)) out.push(e);
    return out;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kernel-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an empty stream, when a command runs, then its events are appended with ids from (handler name, command id, index)', async () => {
    const handler = new AggregateHandler(store, counters);
    const out = await handler.handle('a', add(5), { commandId: 'cmd-1' });
    expect(out).toMatchObject({ state: { total: 5 }, appended: 2, duplicate: false, revision: 1 });
    expect(out.newEvents).toEqual([{ type: 'Added', data: { n: 5 } }, { type: 'Audited', data: { total: 5 } }]);
    const recorded = await read('a');
    expect(recorded.map((e) => e.id)).toEqual([deterministicUuid('test.counter.add', 'cmd-1', '0'), deterministicUuid('test.counter.add', 'cmd-1', '1')]);
    expect(out.position).toEqual(recorded[1]!.position);
  });

  it('when the same command id comes again, then nothing is appended and the first events and position are answered', async () => {
    const handler = new AggregateHandler(store, counters);
    const first = await handler.handle('a', add(5), { commandId: 'cmd-1' });
    await handler.handle('a', add(7), { commandId: 'cmd-2' });
    const again = await handler.handle('a', add(5), { commandId: 'cmd-1' });
    expect(again).toMatchObject({ appended: 0, duplicate: true, state: { total: 12 } });
    expect(again.newEvents).toEqual(first.newEvents);
    expect(again.position).toEqual(first.position);
    expect(await read('a')).toHaveLength(4);
  });

  it('names handlers per command, or per caller through a function: different names never share ids', async () => {
    const handler = new AggregateHandler(store, counters);
    await handler.handle('a', add(5), { commandId: 'x' });
    await handler.handle('a', { type: 'Reset', data: { by: 'alice' } }, { commandId: 'x' });
    await handler.handle('a', add(1), { commandId: 'y' });
    const bob = await handler.handle('a', { type: 'Reset', data: { by: 'bob' } }, { commandId: 'x' });
    expect(bob.appended).toBe(1);
    const ids = (await read('a')).map((e) => e.id);
    expect(ids).toContain(deterministicUuid('test.counter.reset.alice', 'x', '0'));
    expect(ids).toContain(deterministicUuid('test.counter.reset.bob', 'x', '0'));
  });

  it('a refused command throws the domain error and appends nothing; a command that decides nothing is neither appended nor a duplicate', async () => {
    const handler = new AggregateHandler(store, counters);
    await expect(handler.handle('a', add(101), { commandId: 'big' })).rejects.toBeInstanceOf(TooMuch);
    expect(await handler.handle('a', { type: 'Touch', data: {} }, { commandId: 't' })).toMatchObject({ appended: 0, duplicate: false, newEvents: [] });
    expect(await read('a')).toHaveLength(0);
  });

  it('stamps correlation (from the meta, else from the context) and causation (default: the command id)', async () => {
    const handler = new AggregateHandler(store, counters, { correlation: () => 'corr-from-context' });
    await handler.handle('a', add(1), { commandId: 'c1', correlationId: 'corr-explicit', causationId: 'evt-9', metadata: { integration: true } });
    await handler.handle('a', add(1), { commandId: 'c2' });
    const [e1, , e2] = await read('a');
    expect(e1!.metadata).toMatchObject({ correlationId: 'corr-explicit', causationId: 'evt-9', integration: true });
    expect(e2!.metadata).toMatchObject({ correlationId: 'corr-from-context', causationId: 'c2' });
  });

  it('queues concurrent commands on one stream in this process: 30 at once all land, in order, without conflicts', async () => {
    let conflicts = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        try {
          return await store.append(...args);
        } catch (e) {
          if (e instanceof WrongExpectedVersion) conflicts++;
          throw e;
        }
      },
    });
    const handler = new AggregateHandler(counting, counters);
    await Promise.all(Array.from({ length: 30 }, (_, i) => handler.handle('a', add(1), { commandId: `c${i}` })));
    expect(conflicts).toBe(0);
    expect(await handler.load('a')).toEqual({ total: 30 });
    expect((await read('a')).map((e) => e.revision)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('two processes racing (two handlers on one store): the expected revision decides and the loser decides again on fresh state', async () => {
    // Each replica runs its own commands on a stream one at a time, so a command loses a race only to one
    // of the other replica's 5 appends: 5 retries always suffice (the suite's 3 do not when one replica's
    // commits keep landing first, as on a loaded machine).
    const racing = { ...counters, retries: 5 };
    const replicaA = new AggregateHandler(store, racing);
    const replicaB = new AggregateHandler(store, racing);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? replicaA : replicaB).handle('a', add(10), { commandId: `c${i}` })));
    expect(await replicaA.load('a')).toEqual({ total: 100 });
    // The ceiling was checked against the state each winner saw: one more is refused.
    await expect(replicaB.handle('a', add(1), { commandId: 'c-late' })).rejects.toBeInstanceOf(TooMuch);
  });

  it('many concurrent duplicates of distinct commands across two processes: each distinct command counted exactly once', async () => {
    const replicas = [new AggregateHandler(store, { ...counters, retries: 100 }), new AggregateHandler(store, { ...counters, retries: 100 })];
    const deliveries = Array.from({ length: 20 }, (_, i) => `cmd-${i}`).flatMap((id) => [id, id, id]).sort(() => Math.random() - 0.5);
    await Promise.all(deliveries.map((id, i) => replicas[i % 2]!.handle('a', add(1), { commandId: id })));
    expect(await replicas[0]!.load('a')).toEqual({ total: 20 });
    expect((await read('a')).map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("a command's cost does not grow with the stream: once folded, only what others appended since is read", async () => {
    let read = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => ({
        async *[Symbol.asyncIterator]() {
          for await (const e of store.readStream(stream, options)) {
            read++;
            yield e;
          }
        },
      }),
    });
    const handler = new AggregateHandler(counting, counters);
    for (let i = 0; i < 40; i++) await handler.handle('a', add(1), { commandId: `c${i}` });
    read = 0;
    await handler.handle('a', add(1), { commandId: 'next' });
    expect(read).toBe(0);
    // Another replica appends two commands' events: the next command reads just those four.
    const other = new AggregateHandler(store, counters);
    await other.handle('a', add(1), { commandId: 'elsewhere-1' });
    await other.handle('a', add(1), { commandId: 'elsewhere-2' });
    read = 0;
    const out = await handler.handle('a', add(1), { commandId: 'after' });
    expect(read).toBe(4);
    expect(out.state).toEqual({ total: 44 });
    // A command handled before (by the other replica) is still recognised, and answered with its events.
    const again = await handler.handle('a', add(1), { commandId: 'elsewhere-1' });
    expect(again).toMatchObject({ duplicate: true, appended: 0, newEvents: [{ type: 'Added' }, { type: 'Audited' }] });
  });

  it('decides on its cached state without reading the store; a refusal or a no-op is only answered after reading what others appended', async () => {
    let reads = 0;
    let appends = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads++;
        return store.readStream(stream, options);
      },
      append: (...args: Parameters<EventStore['append']>) => {
        appends++;
        return store.append(...args);
      },
    });
    const replicaA = new AggregateHandler(counting, counters);
    const replicaB = new AggregateHandler(store, counters);
    await replicaA.handle('a', add(100), { commandId: 'fill' });
    reads = 0;
    await expect(replicaA.handle('a', add(1), { commandId: 'over' })).rejects.toBeInstanceOf(TooMuch);
    expect(reads).toBe(1); // the refusal was checked against the store
    // B resets the counter: A's cache still says 100, yet A does not refuse on it.
    await replicaB.handle('a', { type: 'Reset', data: { by: 'bob' } }, { commandId: 'r' });
    reads = 0;
    const out = await replicaA.handle('a', add(1), { commandId: 'after-reset' });
    expect(out).toMatchObject({ state: { total: 1 }, appended: 2 });
    expect(reads).toBe(1);
    // Now fresh: the next command neither reads nor conflicts.
    reads = 0;
    appends = 0;
    await replicaA.handle('a', add(1), { commandId: 'next' });
    expect({ reads, appends }).toEqual({ reads: 0, appends: 1 });
    // B adds behind A's back: A's append on its cached state conflicts, A reads what is new and decides again.
    await replicaB.handle('a', add(98), { commandId: 'b-fill' });
    await expect(replicaA.handle('a', add(1), { commandId: 'stale' })).rejects.toBeInstanceOf(TooMuch);
    expect(await replicaA.load('a')).toEqual({ total: 100 });
    expect((await read('a')).filter((e) => e.type === 'Added')).toHaveLength(4);
  });

  it('an absent stream, once read, is not read again before the first command appends; one created meanwhile by another process is read from the start', async () => {
    let reads = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
        reads++;
        return store.readStream(stream, options);
      },
    });
    const replicaA = new AggregateHandler(counting, counters);
    const replicaB = new AggregateHandler(store, counters);
    // A status check, then the command (a bulk import: is the expert there? then join).
    expect(await replicaA.load('new')).toEqual({ total: 0 });
    reads = 0;
    expect(await replicaA.handle('new', add(5), { commandId: 'first' })).toMatchObject({ appended: 2, revision: 1 });
    expect(reads).toBe(0);
    // Another replica creates a stream A saw absent: A's append conflicts, A reads it whole and decides on it.
    expect(await replicaA.load('raced')).toEqual({ total: 0 });
    await replicaB.handle('raced', add(60), { commandId: 'b' });
    reads = 0;
    await expect(replicaA.handle('raced', add(50), { commandId: 'a' })).rejects.toBeInstanceOf(TooMuch);
    expect(reads).toBe(1);
    // The same command B already ran: the store takes the same events as a no-op (idempotent append), nothing is written twice.
    const replicaC = new AggregateHandler(store, counters);
    expect(await replicaC.load('dup')).toEqual({ total: 0 });
    await replicaB.handle('dup', add(7), { commandId: 'same' });
    expect(await replicaC.handle('dup', add(7), { commandId: 'same' })).toMatchObject({ state: { total: 7 } });
    expect(await read('dup')).toHaveLength(2);
    expect(await replicaC.handle('dup', add(1), { commandId: 'next' })).toMatchObject({ state: { total: 8 }, revision: 3 });
  });

  it('a conflict that outlasts the retries is a ConcurrencyError (409), never the store\'s own error', async () => {
    let attempts = 0;
    const alwaysBehind: EventStore = Object.assign(Object.create(store) as EventStore, {
      append: async (stream: string) => {
        attempts++;
        throw new WrongExpectedVersion(stream, 0, 1);
      },
    });
    const handler = new AggregateHandler(alwaysBehind, counters);
    const error = await handler.handle('a', add(1), { commandId: 'c' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).status).toBe(409);
    expect(attempts).toBe(4);
  });

  it('waits for the read models after an append (read-your-writes) unless told not to; a no-op waits for nothing', async () => {
    const waited: Position[] = [];
    const handler = new AggregateHandler(store, counters, { afterAppend: async (p) => void waited.push(p) });
    const out = await handler.handle('a', add(1), { commandId: 'c1' });
    await handler.handle('a', add(1), { commandId: 'c2' }, { wait: false });
    await handler.handle('a', { type: 'Touch', data: {} }, { commandId: 't' });
    const again = await handler.handle('a', add(1), { commandId: 'c1' });
    expect(waited).toEqual([out.position, again.position]);
  });
});
