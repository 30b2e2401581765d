import type Database from 'better-sqlite3';
import type { PointsEarnedV1 } from '@hope/contracts';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { ACCOUNT_STREAM_PREFIX } from '../../domain/account/account.events';

/**
 * Points earned through rules, per expert, overall and per calendar month and quarter (UTC, by when
 * the behaviour happened). One row per (period, expert) and an index on (period, earned): the top N of
 * a period is an index walk, whatever the number of accounts. Gross of reversals (see README).
 */
export const leaderboardProjection: SqlProjection = {
  name: 'points_leaderboard',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS points_leaderboard (period TEXT NOT NULL, expert_id TEXT NOT NULL, earned INTEGER NOT NULL, PRIMARY KEY (period, expert_id));
    CREATE INDEX IF NOT EXISTS points_leaderboard_top ON points_leaderboard (period, earned DESC, expert_id);
  `,
  tables: ['points_leaderboard'],
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX], eventTypes: ['PointsEarned'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = recorded.data as PointsEarnedV1;
    const add = db.prepare('INSERT INTO points_leaderboard VALUES (?, ?, ?) ON CONFLICT(period, expert_id) DO UPDATE SET earned = earned + excluded.earned');
    for (const period of periodsOf(new Date(e.earnedAt))) add.run(period, e.expertId, e.points);
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
    .prepare<[string, number], { expert_id: string; earned: number }>('SELECT expert_id, earned FROM points_leaderboard WHERE period = ? ORDER BY earned DESC, expert_id LIMIT ?')
    .all(period, limit)
    .map((r, i) => ({ rank: i + 1, expertId: r.expert_id, earned: r.earned }));
}
