import type Database from 'better-sqlite3';
import type { Tier } from '@hope/contracts';
import type { RulesChangedData } from '../../domain/rulebook/rulebook.decide';
import type { AccountEvent } from '../../domain/account/account.events';
import { tiersOf } from '../../domain/rules/earning-rules';
import { DEFAULT_TIER_POLICY, fallsBelowAt, thresholdOf, type TierPolicy } from '../../domain/tiers/tier-policy';
import { prepared } from '../prepared';
import { keysText } from './lot-balances';

/**
 * Each account's tier of influence (from TierChanged), for GET /accounts/{id}, and what the downgrade
 * job needs to pick its candidates without evaluating every tiered account: the earnings that count
 * towards a tier (the lots of `points_lots` with `tier_points`: rule earnings, until reversed) and, per tiered
 * account, the instant its rolling window falls below its tier's threshold for good
 * (`points_tier_falls_below`, see `fallsBelowAt`), under the tier policy of the latest rule set
 * (`points_tier_policy`, from RulesChanged; a new policy recomputes every tiered account).
 */
export const TIER_TABLES = { tiers: 'points_tiers', fallsBelow: 'points_tier_falls_below', policy: 'points_tier_policy' } as const;

export const TIER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS points_tiers (expert_id TEXT PRIMARY KEY, tier TEXT NOT NULL, since TEXT NOT NULL, earned_in_year INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS points_tiers_since ON points_tiers (since, expert_id);
  CREATE TABLE IF NOT EXISTS points_tier_falls_below (expert_id TEXT PRIMARY KEY, at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS points_tier_falls_below_at ON points_tier_falls_below (at, expert_id);
  CREATE TABLE IF NOT EXISTS points_tier_policy (id INTEGER PRIMARY KEY CHECK (id = 1), policy TEXT NOT NULL);
`;

const DAY_MS = 86_400_000;
const NEVER = '9999-12-31T23:59:59.999Z';
const iso = (ms: number) => (ms === Number.POSITIVE_INFINITY ? NEVER : new Date(ms).toISOString());

const policyOf = (db: Database.Database): TierPolicy => {
  const row = prepared<[], { policy: string }>(db, 'SELECT policy FROM points_tier_policy WHERE id = 1').get();
  return row ? (JSON.parse(row.policy) as TierPolicy) : DEFAULT_TIER_POLICY;
};

/**
 * When the account's window falls below `tier`'s threshold for good. Only earnings after
 * (latest - 2 windows) are read: older ones can only have set an earlier instant, and leaving them out
 * can only make the answer earlier, so the filter may nominate an account too soon, never too late.
 */
function fallsBelow(db: Database.Database, expertId: string, tier: Tier, policy: TierPolicy): string {
  const latest = prepared<[string], { at: string | null }>(db, 'SELECT MAX(earned_at) AS at FROM points_lots WHERE expert_id = ? AND tier_points IS NOT NULL').get(expertId)?.at;
  if (!latest) return iso(0);
  const since = new Date(Date.parse(latest) - 2 * policy.windowDays * DAY_MS).toISOString();
  const earnings = prepared<[string, string], { points: number; earnedAt: string }>(db, 'SELECT tier_points AS points, earned_at AS earnedAt FROM points_lots WHERE expert_id = ? AND earned_at > ? AND tier_points IS NOT NULL ORDER BY earned_at, lot_id').all(expertId, since);
  return iso(fallsBelowAt(earnings, policy, thresholdOf(policy, tier)));
}

function refresh(db: Database.Database, expertId: string, policy = policyOf(db)): void {
  const row = prepared<[string], { tier: Tier }>(db, 'SELECT tier FROM points_tiers WHERE expert_id = ?').get(expertId);
  if (row) prepared(db, 'INSERT OR REPLACE INTO points_tier_falls_below VALUES (?, ?)').run(expertId, fallsBelow(db, expertId, row.tier, policy));
}

/**
 * An earning newer than every other only adds its own instant to `fallsBelowAt`'s maximum: the window
 * ending at it falls below the threshold once the oldest points it needs have left. Walking back from
 * it until the threshold is reached reads only those points, not the account's history.
 */
function afterNewestEarning(db: Database.Database, expertId: string, earnedAt: string): void {
  const row = prepared<[string], { tier: Tier; at: string | null }>(db, 'SELECT t.tier, f.at FROM points_tiers t LEFT JOIN points_tier_falls_below f USING (expert_id) WHERE t.expert_id = ?').get(expertId);
  if (!row) return;
  const policy = policyOf(db);
  const threshold = thresholdOf(policy, row.tier);
  const windowMs = policy.windowDays * DAY_MS;
  const from = new Date(Date.parse(earnedAt) - windowMs).toISOString();
  let sum = 0;
  let falls: string | undefined;
  for (const e of prepared<[string, string], { points: number; earned_at: string }>(db, 'SELECT tier_points AS points, earned_at FROM points_lots WHERE expert_id = ? AND earned_at > ? AND tier_points IS NOT NULL ORDER BY earned_at DESC, lot_id DESC').iterate(expertId, from)) {
    sum += e.points;
    if (sum >= threshold) {
      falls = iso(Date.parse(e.earned_at) + windowMs);
      break;
    }
  }
  if (row.at === null) return refresh(db, expertId, policy);
  if (falls && falls > row.at) prepared(db, 'UPDATE points_tier_falls_below SET at = ? WHERE expert_id = ?').run(falls, expertId);
}

export function trackTier(db: Database.Database, expertId: string, event: AccountEvent): void {
  switch (event.type) {
    case 'PointsEarned': {
      const e = event.data;
      // The earning itself is its lot's row (`trackLots` wrote it first). Untiered accounts (most) need nothing more.
      if (prepared<[string], { tier: Tier }>(db, 'SELECT tier FROM points_tiers WHERE expert_id = ?').get(expertId) === undefined) return;
      const newest = prepared<[string], { at: string | null }>(db, 'SELECT MAX(earned_at) AS at FROM points_lots WHERE expert_id = ? AND tier_points IS NOT NULL').get(expertId)?.at;
      // In time order (the usual case): incremental; a late earning changes the past windows: recompute.
      return !newest || e.earnedAt >= newest ? afterNewestEarning(db, expertId, e.earnedAt) : refresh(db, expertId);
    }
    case 'PointsReversed':
      prepared(db, 'UPDATE points_lots SET tier_points = NULL, retract_keys = NULL WHERE expert_id = ? AND instr(retract_keys, ?) > 0').run(expertId, keysText([event.data.retracted]));
      return refresh(db, expertId);
    case 'TierChanged': {
      const e = event.data;
      if (e.to === 'none') {
        prepared(db, 'DELETE FROM points_tiers WHERE expert_id = ?').run(expertId);
        prepared(db, 'DELETE FROM points_tier_falls_below WHERE expert_id = ?').run(expertId);
        return;
      }
      prepared(db, 'INSERT OR REPLACE INTO points_tiers VALUES (?, ?, ?, ?)').run(expertId, e.to, e.at, e.earnedInYear);
      return refresh(db, expertId);
    }
    default:
      return;
  }
}

/** RulesChanged: a new tier policy moves every tiered account's instant. */
export function trackTierPolicy(db: Database.Database, event: { type: string; data: unknown }): void {
  if (event.type !== 'RulesChanged') return;
  const policy = tiersOf(event.data as RulesChangedData);
  if (JSON.stringify(policy) === JSON.stringify(policyOf(db))) return;
  prepared(db, 'INSERT OR REPLACE INTO points_tier_policy VALUES (1, ?)').run(JSON.stringify(policy));
  for (const { expert_id } of prepared<[], { expert_id: string }>(db, 'SELECT expert_id FROM points_tiers').all()) refresh(db, expert_id, policy);
}

export function readTier(db: Database.Database, expertId: string): { tier: Tier; tierSince?: string } {
  const row = prepared<[string], { tier: Tier; since: string }>(db, 'SELECT tier, since FROM points_tiers WHERE expert_id = ?').get(expertId);
  return row ? { tier: row.tier, tierSince: row.since } : { tier: 'none' };
}

/**
 * The downgrade candidates, after `after` in id order: accounts holding a tier since at least
 * `heldSince` (now - grace) whose window fell below their tier's threshold by then too. An account with
 * enough recent earnings is not read at all; the account itself still decides (EvaluateTier).
 */
export const accountsHoldingTierSince = (db: Database.Database, heldSince: Date, after: string, limit = 500): string[] =>
  prepared<[string, string, string, number], { expert_id: string }>(
    db,
    `SELECT t.expert_id FROM points_tiers t JOIN points_tier_falls_below f ON f.expert_id = t.expert_id
     WHERE t.since <= ? AND f.at <= ? AND t.expert_id > ? ORDER BY t.expert_id LIMIT ?`,
  )
    .all(heldSince.toISOString(), heldSince.toISOString(), after, limit)
    .map((r) => r.expert_id);
