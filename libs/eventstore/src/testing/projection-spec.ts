import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { deterministicUuid } from '@hope/kernel';
import type { EventMetadata, Position } from '../event-store.port';
import type { SqlProjection } from '../projection/projection';
import { ProjectionRunner } from '../projection/projection-runner';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

export interface GivenEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: EventMetadata;
}

/**
 * The shape of every projection spec: given events (appended to a scratch store, in order), feed one
 * projection live, let `then` read its rows (through the projection's query functions), then rebuild
 * it from position 0, check the checksum is the same (rebuild equals live) and run `then` again.
 * A projection with `applyBatch` is also replayed through `apply` one event at a time: same rows.
 */
export async function projectionSpec(
  projection: SqlProjection,
  given: readonly GivenEvent[],
  then: (db: Database.Database) => void | Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'projection-spec-'));
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  const runner = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [projection] });
  try {
    let last: Position | undefined;
    for (const [i, e] of given.entries()) last = (await store.append(e.stream, [{ id: deterministicUuid('spec', String(i)), type: e.type, data: e.data, ...(e.metadata ? { metadata: e.metadata } : {}) }])).position;
    runner.start();
    if (last) await runner.waitFor(last);
    await then(runner.db);
    const live = runner.checksum(projection.name);
    await runner.rebuild(projection.name);
    if (last) await runner.waitFor(last);
    expect(runner.checksum(projection.name)).toBe(live);
    await then(runner.db);
    if (projection.applyBatch) {
      const { applyBatch: _batched, ...oneByOne } = projection;
      const single = ProjectionRunner.open({ file: join(dir, 'one-by-one.sqlite'), store, projections: [oneByOne], batchSize: 1 });
      try {
        single.start();
        if (last) await single.waitFor(last);
        expect(single.checksum(projection.name)).toBe(live);
      } finally {
        await single.close();
      }
    }
  } finally {
    await runner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
