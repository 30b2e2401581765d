import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { deterministicUuid, ProjectionRunner, SqliteEventStore, type Position, type SqlProjection } from '@hope/eventstore';

/**
 * Given events (appended to a scratch store, in order), feed one projection live, let the spec read
 * its rows, then rebuild it from position 0 and check the checksum is the same: rebuild equals live.
 */
export async function projectionSpec(
  projection: SqlProjection,
  given: readonly { stream: string; type: string; data: unknown }[],
  then: (db: Database.Database) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'points-projection-'));
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  const runner = ProjectionRunner.open({ file: join(dir, 'read.sqlite'), store, projections: [projection] });
  try {
    let last: Position | undefined;
    for (const [i, e] of given.entries()) last = (await store.append(e.stream, [{ id: deterministicUuid('spec', String(i)), type: e.type, data: e.data }])).position;
    runner.start();
    if (last) await runner.waitFor(last);
    then(runner.db);
    const live = runner.checksum(projection.name);
    await runner.rebuild(projection.name);
    if (last) await runner.waitFor(last);
    expect(runner.checksum(projection.name)).toBe(live);
    then(runner.db);
  } finally {
    await runner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
