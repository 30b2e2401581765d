import type Database from 'better-sqlite3';
import type { LotMovementV1 } from '@hope/contracts';
import type { AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';

/**
 * What each lot still holds, per account, and the account's debt: the part of the account fold that
 * "expiring in the next 30 days" needs, kept as a read model so `GET /accounts/{id}` reads rows instead
 * of folding the stream. Mirrors `evolve` in account.state.ts (lot moves, then debt repaid from the
 * oldest spendable lots), which no event lists; the property test `lot-balances.int.spec.ts` holds the
 * two to the same answer.
 */
export const LOT_TABLES = { lots: 'points_lots', debts: 'points_debts' } as const;

export const LOT_SCHEMA = `
  CREATE TABLE IF NOT EXISTS points_lots (
    expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, remaining INTEGER NOT NULL, pending INTEGER NOT NULL,
    earned_at TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (expert_id, lot_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS points_lots_age ON points_lots (expert_id, earned_at, lot_id);
  CREATE TABLE IF NOT EXISTS points_debts (expert_id TEXT PRIMARY KEY, debt INTEGER NOT NULL) WITHOUT ROWID;
`;

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

const addLot = (db: Database.Database, expertId: string, lotId: string, points: number, pending: boolean, earnedAt: string, expiresAt: string) =>
  prepared(db, 'INSERT OR REPLACE INTO points_lots VALUES (?, ?, ?, ?, ?, ?)').run(expertId, lotId, points, pending ? 1 : 0, earnedAt, expiresAt);

export function trackLots(db: Database.Database, expertId: string, event: AccountEvent): void {
  switch (event.type) {
    case 'PointsEarned': {
      const e = event.data;
      addLot(db, expertId, e.lotId, e.points, e.pending, e.earnedAt, e.expiresAt);
      return settle(db, expertId, 0);
    }
    case 'PointsUnlocked': {
      const stmt = prepared(db, 'UPDATE points_lots SET pending = 0 WHERE expert_id = ? AND lot_id = ?');
      for (const l of event.data.lots) stmt.run(expertId, l.lotId);
      return settle(db, expertId, 0);
    }
    case 'PointsReversed':
      move(db, expertId, event.data.lots, -1);
      return settle(db, expertId, event.data.debt);
    case 'PointsReserved':
    case 'PointsExpired':
      return move(db, expertId, event.data.lots, -1);
    case 'ReservationReleased':
      move(db, expertId, event.data.lots, 1);
      return settle(db, expertId, 0);
    case 'PointsAdjusted': {
      const e = event.data;
      if (e.points > 0) {
        addLot(db, expertId, e.adjustmentId, e.points, false, e.at, e.expiresAt ?? e.at);
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
