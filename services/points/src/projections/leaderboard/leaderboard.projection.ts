import type Database from 'better-sqlite3';
import type { PointsEarnedV1, PointsReversedV1 } from '@hope/contracts';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { retractionKeys } from '../../domain/account/account.commands';
import { ACCOUNT_STREAM_PREFIX } from '../../domain/account/account.events';
import { prepared } from '../prepared';

/**
 * Points earned through rules net of reversals, per expert, overall and per calendar month and quarter
 * (UTC, by when the behaviour happened). A reversal takes back the whole of each lot it retracts from
 * the periods that lot was earned in (spent or expired, the earning no longer stands). Operators'
 * adjustments are not earnings and stay out. One row per (period, expert) and an index on
 * (period, earned): the top N of a period is an index walk, whatever the number of accounts.
 * Lots that a retraction could reach (they carry a proposal or invitation key) are remembered in
 * `points_leaderboard_lots`, which mirrors the account's own rule (`retractKeys`, reversed once).
 */
export const leaderboardProjection: SqlProjection = {
  name: 'points_leaderboard',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS points_leaderboard (period TEXT NOT NULL, expert_id TEXT NOT NULL, earned INTEGER NOT NULL, PRIMARY KEY (period, expert_id)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS points_leaderboard_top ON points_leaderboard (period, earned DESC, expert_id);
    CREATE TABLE IF NOT EXISTS points_leaderboard_lots (
      expert_id TEXT NOT NULL, retract_key TEXT NOT NULL, lot_id TEXT NOT NULL, earned_at TEXT NOT NULL, points INTEGER NOT NULL,
      PRIMARY KEY (expert_id, retract_key, lot_id)
    ) WITHOUT ROWID;
  `,
  tables: ['points_leaderboard', 'points_leaderboard_lots'],
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX], eventTypes: ['PointsEarned', 'PointsReversed'] },
  rebuildInBulk: true,
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const add = (expertId: string, at: string, points: number) => {
      const stmt = prepared(db, 'INSERT INTO points_leaderboard VALUES (?, ?, ?) ON CONFLICT(period, expert_id) DO UPDATE SET earned = earned + excluded.earned');
      for (const period of periodsOf(new Date(at))) stmt.run(period, expertId, points);
    };
    if (recorded.type === 'PointsEarned') {
      const e = recorded.data as PointsEarnedV1;
      add(e.expertId, e.earnedAt, e.points);
      const remember = prepared(db, 'INSERT OR IGNORE INTO points_leaderboard_lots VALUES (?, ?, ?, ?, ?)');
      for (const key of retractionKeys(e.provenance)) remember.run(e.expertId, key, e.lotId, e.earnedAt, e.points);
      return;
    }
    const e = recorded.data as PointsReversedV1;
    const lots = prepared<[string, string], { lot_id: string; earned_at: string; points: number }>(db, 'SELECT lot_id, earned_at, points FROM points_leaderboard_lots WHERE expert_id = ? AND retract_key = ?').all(e.expertId, e.retracted);
    for (const l of lots) {
      add(e.expertId, l.earned_at, -l.points);
      // Reversed once: its other keys (if any) must not take it back again.
      prepared(db, 'DELETE FROM points_leaderboard_lots WHERE expert_id = ? AND lot_id = ?').run(e.expertId, l.lot_id);
    }
  },
  applyBatch(db: Database.Database, events: readonly RecordedEvent[]): void {
    applyLeaderboardBatch(db, events);
  },
};

interface LeaderboardLot {
  readonly lotId: string;
  readonly earnedAt: string;
  readonly points: number;
}

/**
 * `apply` over a batch, in memory: the (period, expert) deltas are summed and each row written once;
 * remembered lots are written at the end (first one wins, as INSERT OR IGNORE), and a reversal reads
 * the table and the batch's own lots (the table's row wins where both have one, as it would have).
 */
function applyLeaderboardBatch(db: Database.Database, events: readonly RecordedEvent[]): void {
  const deltas = new Map<string, { period: string; expertId: string; points: number }>();
  const add = (expertId: string, at: string, points: number) => {
    for (const period of periodsOf(new Date(at))) {
      const k = `${period}\u0000${expertId}`;
      const d = deltas.get(k);
      if (d) d.points += points;
      else deltas.set(k, { period, expertId, points });
    }
  };
  /** Per expert, per retraction key: lots remembered in this batch, by lot id. */
  const remembered = new Map<string, Map<string, Map<string, LeaderboardLot>>>();
  for (const recorded of events) {
    if (recorded.type === 'PointsEarned') {
      const e = recorded.data as PointsEarnedV1;
      add(e.expertId, e.earnedAt, e.points);
      let mine = remembered.get(e.expertId);
      if (!mine) remembered.set(e.expertId, (mine = new Map()));
      for (const k of retractionKeys(e.provenance)) {
        let lots = mine.get(k);
        if (!lots) mine.set(k, (lots = new Map()));
        if (!lots.has(e.lotId)) lots.set(e.lotId, { lotId: e.lotId, earnedAt: e.earnedAt, points: e.points });
      }
      continue;
    }
    const e = recorded.data as PointsReversedV1;
    const mine = remembered.get(e.expertId);
    const lots = new Map<string, LeaderboardLot>(mine?.get(e.retracted));
    for (const l of prepared<[string, string], { lot_id: string; earned_at: string; points: number }>(db, 'SELECT lot_id, earned_at, points FROM points_leaderboard_lots WHERE expert_id = ? AND retract_key = ?').all(e.expertId, e.retracted)) {
      lots.set(l.lot_id, { lotId: l.lot_id, earnedAt: l.earned_at, points: l.points });
    }
    for (const l of lots.values()) {
      add(e.expertId, l.earnedAt, -l.points);
      prepared(db, 'DELETE FROM points_leaderboard_lots WHERE expert_id = ? AND lot_id = ?').run(e.expertId, l.lotId);
      for (const byLot of mine?.values() ?? []) byLot.delete(l.lotId);
    }
  }
  const upsert = prepared(db, 'INSERT INTO points_leaderboard VALUES (?, ?, ?) ON CONFLICT(period, expert_id) DO UPDATE SET earned = earned + excluded.earned');
  for (const d of deltas.values()) upsert.run(d.period, d.expertId, d.points);
  const remember = prepared(db, 'INSERT OR IGNORE INTO points_leaderboard_lots VALUES (?, ?, ?, ?, ?)');
  for (const [expertId, byKey] of remembered) for (const [k, lots] of byKey) for (const l of lots.values()) remember.run(expertId, k, l.lotId, l.earnedAt, l.points);
}

/** `all`, `2030-03` and `2030-Q1` for an earning on 2030-03-04. */
export function periodsOf(at: Date): string[] {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  return ['all', `${y}-${String(m + 1).padStart(2, '0')}`, `${y}-Q${Math.floor(m / 3) + 1}`];
}

export const LEADERBOARD_PERIOD = /^(all|\d{4}-(0[1-9]|1[0-2])|\d{4}-Q[1-4])$/;

export function readLeaderboard(db: Database.Database, period: string, limit: number): { rank: number; expertId: string; earned: number }[] {
  return db
    .prepare<[string, number], { expert_id: string; earned: number }>('SELECT expert_id, earned FROM points_leaderboard WHERE period = ? AND earned > 0 ORDER BY earned DESC, expert_id LIMIT ?')
    .all(period, limit)
    .map((r, i) => ({ rank: i + 1, expertId: r.expert_id, earned: r.earned }));
}
