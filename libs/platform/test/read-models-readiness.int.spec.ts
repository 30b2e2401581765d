import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEventRegistry } from '@hope/contracts';
import { SqliteEventStore, type SqlProjection } from '@hope/eventstore';
import { InProcessBus, soleLease } from '@hope/messaging';
import { loadPlatformConfig, MemorySharedState, startService, type RunningService, type ServiceDefinition } from '@hope/platform';

const EVENTS = 6_000;

describe('readiness waits for the read models', () => {
  let dir: string;
  let store: SqliteEventStore;
  let bus: InProcessBus;
  let running: RunningService | undefined;
  // The gate holds the projection back (its apply fails, the runner retries from its checkpoint), so
  // "not ready while behind" is seen however fast this machine replays.
  let gateOpen = false;
  const counted: SqlProjection = {
    name: 'counted',
    version: 1,
    schema: 'CREATE TABLE IF NOT EXISTS counted (n INTEGER NOT NULL)',
    tables: ['counted'],
    filter: { eventTypes: ['Counted'] },
    apply: (db) => {
      if (!gateOpen) throw new Error('gate closed');
      db.prepare('INSERT INTO counted (n) VALUES (1)').run();
    },
  };
  const definition: ServiceDefinition = { name: 'points', defaultPort: 0, title: 't', description: 'd', imports: [], consumes: ['hope.demand.events'], projections: [counted] };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-ready-'));
    store = SqliteEventStore.open({ file: join(dir, 'points.events.sqlite') });
    for (let i = 0; i < EVENTS; i += 500) {
      await store.append(`thing-${i}`, Array.from({ length: 500 }, () => ({ id: randomUUID(), type: 'Counted', data: {} })));
    }
    bus = await InProcessBus.open({ file: join(dir, 'bus.sqlite') });
  });
  afterEach(async () => {
    await running?.stop();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`answers 503 naming the read models until every projection reached the head as of start (${EVENTS} events), then 200`, async () => {
    const config = loadPlatformConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SERVICE_NAME: 'points', DATA_DIR: dir }, { serviceName: 'points' });
    running = await startService(definition, { store, bus, sharedState: new MemorySharedState(), lease: soleLease, registry: createEventRegistry() }, config, { port: 0 });

    const behind = await fetch(`${running.url}/health/ready`);
    expect(behind.status).toBe(503);
    const body = (await behind.json()) as { error: Record<string, { status: string; message: string }> };
    expect(body.error['read-models']).toMatchObject({ status: 'down', message: expect.stringContaining('counted') });

    gateOpen = true;
    const deadline = Date.now() + 30_000;
    let status = 503;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await fetch(`${running.url}/health/ready`)).status;
    }
    expect(status).toBe(200);
    const rows = running.projections.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM counted').get();
    expect(rows?.n).toBe(EVENTS);

    // Caught up once is ready for good: appends after start are read-your-writes, not readiness.
    gateOpen = false;
    await store.append('thing-late', [{ id: randomUUID(), type: 'Counted', data: {} }]);
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
  }, 60_000);
});
