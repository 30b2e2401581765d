import type Database from 'better-sqlite3';
import type { Tier } from '@hope/contracts';
import type { AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';

/** Each account's tier of influence (from TierChanged), for GET /accounts/{id} and the downgrade job. */
export const TIER_TABLE = 'points_tiers';

export const TIER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS points_tiers (expert_id TEXT PRIMARY KEY, tier TEXT NOT NULL, since TEXT NOT NULL, earned_in_year INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS points_tiers_since ON points_tiers (since, expert_id);
`;

export function trackTier(db: Database.Database, expertId: string, event: AccountEvent): void {
  if (event.type !== 'TierChanged') return;
  if (event.data.to === 'none') prepared(db, 'DELETE FROM points_tiers WHERE expert_id = ?').run(expertId);
  else prepared(db, 'INSERT OR REPLACE INTO points_tiers VALUES (?, ?, ?, ?)').run(expertId, event.data.to, event.data.at, event.data.earnedInYear);
}

export function readTier(db: Database.Database, expertId: string): { tier: Tier; tierSince?: string } {
  const row = prepared<[string], { tier: Tier; since: string }>(db, 'SELECT tier, since FROM points_tiers WHERE expert_id = ?').get(expertId);
  return row ? { tier: row.tier, tierSince: row.since } : { tier: 'none' };
}

/** Accounts holding a tier since at least `heldSince` (the downgrade candidates), after `after` in id order. */
export const accountsHoldingTierSince = (db: Database.Database, heldSince: Date, after: string, limit = 500): string[] =>
  prepared<[string, string, number], { expert_id: string }>(db, 'SELECT expert_id FROM points_tiers WHERE since <= ? AND expert_id > ? ORDER BY expert_id LIMIT ?')
    .all(heldSince.toISOString(), after, limit)
    .map((r) => r.expert_id);
