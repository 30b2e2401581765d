import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionRunner, SqliteEventStore } from '@hope/eventstore';
import { earned, EXPERT } from '../../domain/account/account.fixtures';
import { balanceProjection } from './balance.projection';
import { SqliteBalanceQueries } from './balance.queries';

/** A read-model file as version 4 left it: a lot's job and tier rows in tables of their own. */
const V4 = `
  CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, commit_position TEXT, prepare_position TEXT);
  CREATE TABLE points_lots (expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, remaining INTEGER NOT NULL, pending INTEGER NOT NULL, earned_at TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (expert_id, lot_id)) WITHOUT ROWID;
  CREATE INDEX points_lots_age ON points_lots (expert_id, earned_at, lot_id);
  CREATE TABLE points_pending_lots (expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, available_at TEXT NOT NULL, PRIMARY KEY (expert_id, lot_id)) WITHOUT ROWID;
  CREATE TABLE points_lot_expiry (expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (expert_id, lot_id)) WITHOUT ROWID;
  CREATE TABLE points_tier_earnings (expert_id TEXT NOT NULL, earned_at TEXT NOT NULL, lot_id TEXT NOT NULL, points INTEGER NOT NULL, retract_keys TEXT NOT NULL, PRIMARY KEY (expert_id, earned_at, lot_id)) WITHOUT ROWID;
  INSERT INTO points_lots VALUES ('${EXPERT}', 'lot-old', 5, 0, '2030-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z');
  INSERT INTO points_lot_expiry VALUES ('${EXPERT}', 'lot-old', '2031-01-01T00:00:00.000Z');
  INSERT INTO projection_checkpoints VALUES ('points_balances', 4, '1', '1');
`;

describe('points_balances v5 on a v4 read-model file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hope-points-upgrade-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is rebuilt from the store in the new layout by itself; the tables v5 folded into points_lots are gone', async () => {
    const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    const file = join(dir, 'read.sqlite');
    const old = new Database(file);
    old.exec(V4);
    old.close();
    try {
      const { position } = await store.append(`account-${EXPERT}`, [{ id: randomUUID(), ...earned(30, { source: 'a', pending: true }) }, { id: randomUUID(), ...earned(20, { source: 'b' }) }]);
      const runner = ProjectionRunner.open({ file, store, projections: [balanceProjection] });
      try {
        runner.start();
        await runner.waitFor(position);
        const later = new Date('2040-01-01T00:00:00.000Z');
        const balances = new SqliteBalanceQueries(runner.db);
        expect(runner.db.prepare('SELECT lot_id, remaining, available_at IS NOT NULL AS pending_listed, expiry_listed, tier_points FROM points_lots ORDER BY lot_id').all()).toEqual([
          { lot_id: 'lot-a', remaining: 30, pending_listed: 1, expiry_listed: 1, tier_points: 30 },
          { lot_id: 'lot-b', remaining: 20, pending_listed: 0, expiry_listed: 1, tier_points: 20 },
        ]);
        expect(balances.accountsWithDuePending(later)).toEqual([EXPERT]);
        expect(balances.lotsDueForExpiry(later, undefined).map((l) => l.lotId)).toEqual(['lot-a', 'lot-b']);
        const tables = runner.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('points_pending_lots', 'points_lot_expiry', 'points_tier_earnings')").all();
        expect(tables).toEqual([]);
      } finally {
        await runner.close();
      }
    } finally {
      await store.close();
    }
  });
});
