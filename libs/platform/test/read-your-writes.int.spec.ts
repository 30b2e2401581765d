import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, SqliteEventStore, type SqlProjection } from '@hope/eventstore';
import { aggregate, comparePositions } from '@hope/kernel';
import type { ExecutionContext } from '@nestjs/common';
import { AggregateHandlers } from '../src/runtime/aggregate-handlers';
import { ReadYourWritesGuard } from '../src/runtime/read-your-writes.guard';

type Command = { type: 'Add'; data: { n: number } };
type Event = { type: 'Added'; data: { n: number } };
const counters = aggregate<{ total: number }, Command, Event>({
  name: 'test.ryw-counter',
  streamOf: (id) => `counter-${id}`,
  decider: { initialState: { total: 0 }, decide: (c) => [{ type: 'Added', data: { n: c.data.n } }], evolve: (s, e) => ({ total: s.total + e.data.n }) },
  handlerNames: { Add: 'test.ryw-counter.add' },
});
const totals: SqlProjection = {
  name: 'totals',
  version: 1,
  schema: 'CREATE TABLE IF NOT EXISTS totals (id TEXT PRIMARY KEY, total INTEGER NOT NULL)',
  tables: ['totals'],
  filter: { eventTypes: ['Added'] },
  apply(db, e) {
    db.prepare('INSERT INTO totals VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET total = total + excluded.total').run(e.stream, (e.data as { n: number }).n);
  },
};
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe("Read-your-writes on the read: a command answered ahead of the read models (wait: 'next-read')", () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ryw-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    runner = ProjectionRunner.open({ file: join(dir, 'projections.sqlite'), store, projections: [totals] });
  });
  afterEach(async () => {
    await runner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is answered while the projections are stopped; the next read waits until they include it', async () => {
    const handlers = new AggregateHandlers(store, runner);
    const out = await handlers.for(counters).handle('a', { type: 'Add', data: { n: 5 } }, { commandId: 'c1' }, { wait: 'next-read' });
    let read = false;
    const reading = handlers.readsSeeAnsweredWrites().then(() => (read = true));
    await ticks(20);
    expect(read).toBe(false);
    runner.start();
    await reading;
    expect(comparePositions(runner.position('totals')!, out.position!)).toBeGreaterThanOrEqual(0);
    expect(runner.db.prepare('SELECT total FROM totals').get()).toEqual({ total: 5 });
    // Nothing answered ahead since: the next read does not wait.
    await runner.stop();
    await expect(handlers.readsSeeAnsweredWrites()).resolves.toBeUndefined();
  });

  it('a command with the default wait is answered only once the projections include it', async () => {
    const handlers = new AggregateHandlers(store, runner);
    let answered = false;
    const handling = handlers.for(counters).handle('a', { type: 'Add', data: { n: 1 } }, { commandId: 'c1' }).then(() => (answered = true));
    await ticks(20);
    expect(answered).toBe(false);
    runner.start();
    await handling;
    expect(runner.db.prepare('SELECT total FROM totals').get()).toEqual({ total: 1 });
  });

  describe('the guard in front of every HTTP route', () => {
    const http = (method: string) => ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ method }) }) }) as unknown as ExecutionContext;

    it('lets a read through at once, without a promise, when nothing was answered ahead', () => {
      const guard = new ReadYourWritesGuard(new AggregateHandlers(store, runner));
      expect(guard.canActivate(http('GET'))).toBe(true);
    });

    it('holds a GET back until the read models include a write answered ahead; a POST is not held', async () => {
      const handlers = new AggregateHandlers(store, runner);
      await handlers.for(counters).handle('a', { type: 'Add', data: { n: 3 } }, { commandId: 'c1' }, { wait: 'next-read' });
      const guard = new ReadYourWritesGuard(handlers);
      expect(guard.canActivate(http('POST'))).toBe(true);
      let through = false;
      const held = Promise.resolve(guard.canActivate(http('GET'))).then((ok) => (through = ok));
      await ticks(20);
      expect(through).toBe(false);
      runner.start();
      await held;
      expect(through).toBe(true);
      expect(runner.db.prepare('SELECT total FROM totals').get()).toEqual({ total: 3 });
      // Seen once: the next read passes at once.
      expect(guard.canActivate(http('GET'))).toBe(true);
    });
  });
});
