import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, SqliteEventStore, type SqlProjection } from '@hope/eventstore';
import { aggregate } from '@hope/kernel';
import { AggregateHandlers } from './aggregate-handlers';
import { forEachCandidate } from './for-each-candidate';

type Command = { type: 'Hold'; data: { id: string } };
type Event = { type: 'Held'; data: { id: string } };
const holds = aggregate<{ held: boolean }, Command, Event>({
  name: 'test.candidate-holds',
  streamOf: (id) => `hold-${id}`,
  decider: { initialState: { held: false }, decide: (c) => [{ type: 'Held', data: { id: c.data.id } }], evolve: () => ({ held: true }) },
  handlerNames: { Hold: 'test.candidate-holds.hold' },
});
/** The read model a job reads its candidates from. */
const held: SqlProjection = {
  name: 'held',
  version: 1,
  schema: 'CREATE TABLE IF NOT EXISTS held (id TEXT PRIMARY KEY)',
  tables: ['held'],
  filter: { eventTypes: ['Held'] },
  apply(db, e) {
    db.prepare('INSERT OR IGNORE INTO held VALUES (?)').run((e.data as { id: string }).id);
  },
};
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/**
 * A job's candidates include every write this process answered ahead of the read models (decision 0047's
 * session: a reservation redeemed just before a tick was missed): the loop reads them only after.
 */
describe('forEachCandidate reads its candidates after the writes answered ahead of the read models', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  let handlers: AggregateHandlers;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'candidates-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    runner = ProjectionRunner.open({ file: join(dir, 'projections.sqlite'), store, projections: [held] });
    handlers = new AggregateHandlers(store, runner);
    // Answered from the aggregate while the read model is stopped: it is not in the model yet.
    await handlers.for(holds).handle('h1', { type: 'Hold', data: { id: 'h1' } }, { commandId: 'c1' }, { wait: 'next-read' });
  });
  afterEach(async () => {
    await runner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const heldIds = () => runner.db.prepare<[], { id: string }>('SELECT id FROM held ORDER BY id').all().map((r) => r.id);

  it('a list: the held write answered just before the tick is a candidate', async () => {
    const decided: string[] = [];
    const run = forEachCandidate({ answeredBy: handlers, candidates: heldIds, decide: async (id) => void decided.push(id) });
    await ticks(20);
    expect(decided).toEqual([]);
    runner.start();
    expect(await run).toEqual({ decided: 1, skipped: 0, pages: 1 });
    expect(decided).toEqual(['h1']);
  });

  it('pages: the first page already holds it', async () => {
    const decided: string[] = [];
    const page = (after: string | undefined) => heldIds().filter((id) => id > (after ?? '')).slice(0, 1);
    const run = forEachCandidate({ answeredBy: handlers, page, decide: async (id) => void decided.push(id) });
    await ticks(20);
    runner.start();
    await run;
    expect(decided).toEqual(['h1']);
  });
});
