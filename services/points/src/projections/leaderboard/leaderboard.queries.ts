import type Database from 'better-sqlite3';
import { readLeaderboard } from './leaderboard.projection';

export interface LeaderboardItem {
  readonly rank: number;
  readonly expertId: string;
  readonly earned: number;
}

/** The top experts by points earned through rules, per period (`all`, `2030-03`, `2030-Q1`). */
export abstract class LeaderboardQueries {
  abstract top(period: string, limit: number): LeaderboardItem[];
}

export class SqliteLeaderboardQueries implements LeaderboardQueries {
  constructor(private readonly db: Database.Database) {}
  top = (period: string, limit: number) => readLeaderboard(this.db, period, limit);
}
