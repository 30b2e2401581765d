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
    CREATE TABLE IF NOT EXISTS points_leaderboard (period TEXT NOT NULL, expert_id TEXT NOT NULL, earned INTEGER NOT NULL, PRIMARY KEY (period, expert_id));
    CREATE INDEX IF NOT EXISTS points_leaderboard_top ON points_leaderboard (period, earned DESC, expert_id);
    CREATE TABLE IF NOT EXISTS points_leaderboard_lots (
      expert_id TEXT NOT NULL, retract_key TEXT NOT NULL, lot_id TEXT NOT NULL, earned_at TEXT NOT NULL, points INTEGER NOT NULL,
      PRIMARY KEY (expert_id, retract_key, lot_id)
    );
  `,
  tables: ['points_leaderboard', 'points_leaderboard_lots'],
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX], eventTypes: ['PointsEarned', 'PointsReversed'] },
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
};

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
