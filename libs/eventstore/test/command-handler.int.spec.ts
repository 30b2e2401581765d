import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { deterministicUuid, handleCommand, SqliteEventStore, type Decider, type EventStore } from '@hope/eventstore';

// A counter that, on purpose, has no idempotency of its own: every Add adds.
type Counted = { type: 'Added'; data: { by: number } };
type Add = { by: number };
const counter: Decider<number, Add, Counted> = {
  decide: (cmd) => [{ type: 'Added', data: { by: cmd.by } }],
  evolve: (total, e) => total + e.data.by,
  initialState: 0,
};

const total = async (store: EventStore, stream: string) => {
  let n = 0;
  for await (const e of store.readStream(stream)) n += (e.data as { by: number }).by;
  return n;
};

describe('handleCommand (load -> decide -> append with expected revision)', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hope-cmd-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('derives event ids from the command id, so the same command always makes the same ids', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 2 }, { commandId: 'cmd-1', handler: 'test' });
    const [e] = await collect(store.readStream('counter-1'));
    expect(e!.id).toBe(deterministicUuid('test', 'cmd-1', '0'));
    expect(e!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('given a command already applied, when it is handled again, then nothing more is appended', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 5 }, { commandId: 'cmd-1', handler: 'test' });
    const again = await handleCommand(store, 'counter-1', counter, { by: 5 }, { commandId: 'cmd-1', handler: 'test' });
    expect(again.duplicate).toBe(true);
    expect(await total(store, 'counter-1')).toBe(5);
  });

  it('the same source handled by two handlers gets two effects (ids include the handler name)', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 1 }, { commandId: 'evt-1', handler: 'a' });
    await handleCommand(store, 'counter-1', counter, { by: 1 }, { commandId: 'evt-1', handler: 'b' });
    expect(await total(store, 'counter-1')).toBe(2);
  });

  it('many concurrent duplicates of one command and many distinct commands: each distinct one counted exactly once', async () => {
    const commands = Array.from({ length: 20 }, (_, i) => `cmd-${i}`);
    const deliveries = commands.flatMap((id) => [id, id, id]).sort(() => Math.random() - 0.5);
    await Promise.all(deliveries.map((id) => handleCommand(store, 'counter-1', counter, { by: 1 }, { commandId: id, handler: 'test' }, { maxRetries: 100, backoffMs: 1 })));
    expect(await total(store, 'counter-1')).toBe(20);
    const revisions = (await collect(store.readStream('counter-1'))).map((e) => e.revision);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('stamps correlation and causation in the metadata', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 1 }, { commandId: 'evt-9', handler: 'h', correlationId: 'corr-1', causationId: 'evt-9' });
    const [e] = await collect(store.readStream('counter-1'));
    expect(e!.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'evt-9' });
  });
});
