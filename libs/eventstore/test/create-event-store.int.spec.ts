import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, SqliteEventStore } from '@hope/eventstore';
import { collect, newEvents } from '@hope/eventstore/testing';

describe('createEventStore: own file or shared store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hope-create-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a per-service store written before namespacing existed, unchanged', async () => {
    const old = SqliteEventStore.open({ file: join(dir, 'points.events.sqlite') });
    const written = newEvents(2);
    await old.append('account-e1', written);
    await old.checkpoints.store('relay', { commit: 2n, prepare: 2n });
    await old.close();

    const store = createEventStore({ dataDir: dir, service: 'points' });
    try {
      expect((await collect(store.readStream('account-e1'))).map((e) => e.id)).toEqual(written.map((e) => e.id));
      expect((await collect(store.readAll())).map((e) => e.stream)).toEqual(['account-e1', 'account-e1']);
      expect(await store.checkpoints.load('relay')).toEqual({ commit: 2n, prepare: 2n });
    } finally {
      await store.close();
    }
  });

  it('namespaces each service on a shared file (EVENTSTORE_FILE)', async () => {
    const sharedFile = join(dir, 'shared.sqlite');
    const points = createEventStore({ dataDir: dir, service: 'points', sharedFile });
    const consulting = createEventStore({ dataDir: dir, service: 'consulting', sharedFile });
    try {
      await points.append('probe-1', newEvents(1, 'PointsProbe'));
      await consulting.append('probe-1', newEvents(1, 'ConsultingProbe'));
      expect((await collect(points.readAll())).map((e) => [e.stream, e.type])).toEqual([['probe-1', 'PointsProbe']]);
      expect((await collect(consulting.readStream('probe-1'))).map((e) => e.type)).toEqual(['ConsultingProbe']);
    } finally {
      await points.close();
      await consulting.close();
    }
    const raw = SqliteEventStore.open({ file: sharedFile });
    try {
      expect((await collect(raw.readAll())).map((e) => e.stream)).toEqual(['points.probe-1', 'consulting.probe-1']);
    } finally {
      await raw.close();
    }
  });
});
