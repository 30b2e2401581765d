import type Database from 'better-sqlite3';
import type { LotMovementV1 } from '@hope/contracts';
import { retractionKeys } from '../../domain/account/account.commands';
import type { AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';

/**
 * What each lot still holds, per account, and the account's debt: the part of the account fold that
 * "expiring in the next 30 days" needs, kept as a read model so `GET /accounts/{id}` reads rows instead
 * of folding the stream. Mirrors `evolve` in account.state.ts (lot moves, then debt repaid from the
 * oldest spendable lots), which no event lists; the property test `lot-balances.int.spec.ts` holds the
 * two to the same answer.
 *
 * A lot's row also says what the jobs and the tier filter need of it (decision 0056: one row per lot
 * instead of up to four; their indexes are partial, so only the lots a job has to look at are in them):
 * - `available_at`: set while the lot is pending and the unlock job has it to look at, else NULL;
 * - `expiry_listed`: 1 until the lot expired or was reversed (spent lots cost the expiry job one look);
 * - `tier_points`, `retract_keys`: set while the earning counts towards a tier (`account-tiers.ts`),
 *   NULL for adjustments and once reversed.
 */
export const LOT_TABLES = { lots: 'points_lots', debts: 'points_debts' } as const;

export const LOT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS points_lots (
    expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, remaining INTEGER NOT NULL, pending INTEGER NOT NULL,
    earned_at TEXT NOT NULL, expires_at TEXT NOT NULL, available_at TEXT, expiry_listed INTEGER NOT NULL,
    tier_points INTEGER, retract_keys TEXT, PRIMARY KEY (expert_id, lot_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS points_lots_age ON points_lots (expert_id, earned_at, lot_id);
  CREATE INDEX IF NOT EXISTS points_lots_unlock_due ON points_lots (available_at, expert_id) WHERE available_at IS NOT NULL;
  CREATE INDEX IF NOT EXISTS points_lots_expiry_due ON points_lots (expires_at, expert_id, lot_id) WHERE expiry_listed = 1;
  CREATE TABLE IF NOT EXISTS points_debts (expert_id TEXT PRIMARY KEY, debt INTEGER NOT NULL) WITHOUT ROWID;
`;

/** A lot's row, in the column order of `points_lots` (the batch writes it whole). */
export const LOT_COLUMNS = ['remaining', 'pending', 'earned_at', 'expires_at', 'available_at', 'expiry_listed', 'tier_points', 'retract_keys'] as const;
export interface LotRow {
  remaining: number;
  pending: number;
  readonly earned_at: string;
  readonly expires_at: string;
  available_at: string | null;
  expiry_listed: number;
  tier_points: number | null;
  retract_keys: string | null;
}

/** Keys stored one a line, framed, so `instr` finds a whole key. */
export const keysText = (keys: readonly string[]) => `\n${keys.join('\n')}\n`;

/** The row a PointsEarned or a positive PointsAdjusted adds (the same in `apply` and in the batch). */
export function newLot(event: AccountEvent): { lotId: string; lot: LotRow } | undefined {
  if (event.type === 'PointsEarned') {
    const e = event.data;
    return {
      lotId: e.lotId,
      lot: { remaining: e.points, pending: e.pending ? 1 : 0, earned_at: e.earnedAt, expires_at: e.expiresAt, available_at: e.pending ? e.availableAt : null, expiry_listed: 1, tier_points: e.points, retract_keys: keysText(retractionKeys(e.provenance)) },
    };
  }
  if (event.type === 'PointsAdjusted' && event.data.points > 0) {
    const e = event.data;
    return { lotId: e.adjustmentId, lot: { remaining: e.points, pending: 0, earned_at: e.at, expires_at: e.expiresAt ?? e.at, available_at: null, expiry_listed: e.expiresAt ? 1 : 0, tier_points: null, retract_keys: null } };
  }
  return undefined;
}

function move(db: Database.Database, expertId: string, moves: readonly LotMovementV1[], sign: 1 | -1): void {
  const stmt = prepared(db, 'UPDATE points_lots SET remaining = remaining + ? WHERE expert_id = ? AND lot_id = ?');
  for (const m of moves) stmt.run(sign * m.points, expertId, m.lotId);
}

const debtOf = (db: Database.Database, expertId: string): number =>
  prepared<[string], { debt: number }>(db, 'SELECT debt FROM points_debts WHERE expert_id = ?').get(expertId)?.debt ?? 0;

/** Debt is repaid by the oldest spendable lots (the same order as `oldestFirst`: earnedAt, then lotId). */
function settle(db: Database.Database, expertId: string, added: number): void {
  const before = debtOf(db, expertId);
  let debt = before + added;
  if (debt === 0) return; // the common case: no debt, nothing to repay or record
  const lots = prepared<[string], { lot_id: string; remaining: number }>(db, 'SELECT lot_id, remaining FROM points_lots WHERE expert_id = ? AND pending = 0 AND remaining > 0 ORDER BY earned_at, lot_id').all(expertId);
  const take = prepared(db, 'UPDATE points_lots SET remaining = remaining - ? WHERE expert_id = ? AND lot_id = ?');
  for (const l of lots) {
    if (debt === 0) break;
    const t = Math.min(debt, l.remaining);
    take.run(t, expertId, l.lot_id);
    debt -= t;
  }
  if (debt > 0) prepared(db, 'INSERT INTO points_debts VALUES (?, ?) ON CONFLICT(expert_id) DO UPDATE SET debt = excluded.debt').run(expertId, debt);
  else prepared(db, 'DELETE FROM points_debts WHERE expert_id = ?').run(expertId);
}

const addLot = (db: Database.Database, expertId: string, { lotId, lot }: { lotId: string; lot: LotRow }) =>
  prepared(db, `INSERT OR REPLACE INTO points_lots VALUES (?, ?, ${LOT_COLUMNS.map(() => '?').join(', ')})`).run(expertId, lotId, ...LOT_COLUMNS.map((c) => lot[c]));

/** The unlock and expiry jobs' part of a lot's row: what they no longer have to look at. */
function unlist(db: Database.Database, expertId: string, lots: readonly { lotId: string; pending: boolean }[], expiry: boolean): void {
  const unlock = prepared(db, 'UPDATE points_lots SET available_at = NULL WHERE expert_id = ? AND lot_id = ?');
  const expire = prepared(db, 'UPDATE points_lots SET expiry_listed = 0 WHERE expert_id = ? AND lot_id = ?');
  for (const l of lots) {
    if (l.pending) unlock.run(expertId, l.lotId);
    if (expiry) expire.run(expertId, l.lotId);
  }
}

export function trackLots(db: Database.Database, expertId: string, event: AccountEvent): void {
  switch (event.type) {
    case 'PointsEarned':
      addLot(db, expertId, newLot(event)!);
      return settle(db, expertId, 0);
    case 'PointsUnlocked': {
      unlist(db, expertId, event.data.lots, false);
      const stmt = prepared(db, 'UPDATE points_lots SET pending = 0 WHERE expert_id = ? AND lot_id = ?');
      for (const l of event.data.lots) stmt.run(expertId, l.lotId);
      return settle(db, expertId, 0);
    }
    case 'PointsReversed':
      unlist(db, expertId, event.data.lots, true);
      move(db, expertId, event.data.lots, -1);
      return settle(db, expertId, event.data.debt);
    case 'PointsExpired':
      unlist(db, expertId, event.data.lots, true);
      return move(db, expertId, event.data.lots, -1);
    case 'PointsReserved':
      return move(db, expertId, event.data.lots, -1);
    case 'ReservationReleased':
      move(db, expertId, event.data.lots, 1);
      return settle(db, expertId, 0);
    case 'PointsAdjusted': {
      const e = event.data;
      if (e.points > 0) {
        addLot(db, expertId, newLot(event)!);
        return settle(db, expertId, 0);
      }
      move(db, expertId, e.lots, -1);
      return settle(db, expertId, e.debt);
    }
    default:
      return;
  }
}

/** Points the account's lots hold that expire by `horizon` (pending ones included, as "explain" lists them). */
export const pointsExpiringBy = (db: Database.Database, expertId: string, horizon: Date): number =>
  db
    .prepare<[string, string], { points: number | null }>('SELECT SUM(remaining) AS points FROM points_lots WHERE expert_id = ? AND remaining > 0 AND expires_at <= ?')
    .get(expertId, horizon.toISOString())?.points ?? 0;

export const readDebt = debtOf;
