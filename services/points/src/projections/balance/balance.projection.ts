import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { applyMovement, emptyBalance, type Balance } from '../../domain/account/account.balance';
import { ACCOUNT_STREAM_PREFIX, type AccountEvent } from '../../domain/account/account.events';
import { RULEBOOK_STREAM } from '../../domain/rulebook/rulebook.decide';
import { TIER_SCHEMA, TIER_TABLES, trackTier, trackTierPolicy } from './account-tiers';
import { LOT_SCHEMA, LOT_TABLES, trackLots } from './lot-balances';
import { prepared } from '../prepared';
import { BalanceBatch } from './balance.batch';

/**
 * One row per account: the balance as the sum of its movements (the same fold the property tests hold
 * the aggregate to). Beside it: what each lot still holds, with what the jobs need of it (lots still
 * pending, lots to expire; `lot-balances.ts`), the reservations still open, and the tiers with their
 * downgrade candidates (`account-tiers.ts`).
 */
export const BALANCE_TABLES = { balances: 'points_balances', reservations: 'points_open_reservations' } as const;

export interface BalanceRow extends Balance {
  readonly expert_id: string;
  readonly updated_at: string;
}

const COLUMNS = ['earned', 'pending', 'available', 'reserved', 'spent', 'expired', 'reversed', 'adjusted'] as const;

export const balanceProjection: SqlProjection = {
  name: 'points_balances',
  // v5 (decision 0056): the pending-lot, lot-expiry and tier-earning tables became columns of points_lots.
  version: 5,
  schema: `
    CREATE TABLE IF NOT EXISTS points_balances (
      expert_id TEXT PRIMARY KEY, ${COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ')}, updated_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS points_open_reservations (expert_id TEXT NOT NULL, reservation_id TEXT NOT NULL, timeout_at TEXT NOT NULL, PRIMARY KEY (expert_id, reservation_id)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS points_open_reservations_due ON points_open_reservations (timeout_at);
    DROP TABLE IF EXISTS points_pending_lots;
    DROP TABLE IF EXISTS points_lot_expiry;
    DROP TABLE IF EXISTS points_tier_earnings;
    ${LOT_SCHEMA}
    ${TIER_SCHEMA}
  `,
  tables: [...Object.values(BALANCE_TABLES), ...Object.values(LOT_TABLES), ...Object.values(TIER_TABLES)],
  // The rule book too: its tier policy decides when each tiered account's window falls below its threshold.
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX, RULEBOOK_STREAM] },
  rebuildInBulk: true,
  apply(db: Database.Database, recorded: RecordedEvent): void {
    if (recorded.stream === RULEBOOK_STREAM) return trackTierPolicy(db, recorded);
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    const expertId = recorded.stream.slice(ACCOUNT_STREAM_PREFIX.length);
    const row = prepared<[string], BalanceRow>(db, 'SELECT * FROM points_balances WHERE expert_id = ?').get(expertId);
    const next = applyMovement(row ?? emptyBalance, event);
    prepared(db, 
      `INSERT INTO points_balances (expert_id, ${COLUMNS.join(', ')}, updated_at) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}, ?)
       ON CONFLICT(expert_id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
    ).run(expertId, ...COLUMNS.map((c) => next[c]), recorded.recordedAt.toISOString());
    trackWork(db, expertId, event);
    trackLots(db, expertId, event);
    trackTier(db, expertId, event);
  },
  applyBatch(db: Database.Database, events: readonly RecordedEvent[]): void {
    new BalanceBatch(db, (d, e) => balanceProjection.apply(d, e)).apply(events);
  },
};

/** The reservations still open, for the timeout job (the lots' part of the jobs' work is in `trackLots`). */
function trackWork(db: Database.Database, expertId: string, event: AccountEvent): void {
  switch (event.type) {
    case 'PointsReserved':
      prepared(db, 'INSERT OR REPLACE INTO points_open_reservations VALUES (?, ?, ?)').run(expertId, event.data.reservationId, event.data.timeoutAt);
      return;
    case 'ReservationCaptured':
    case 'ReservationReleased':
      prepared(db, 'DELETE FROM points_open_reservations WHERE expert_id = ? AND reservation_id = ?').run(expertId, event.data.reservationId);
      return;
    default:
      return;
  }
}

export const readBalance = (db: Database.Database, expertId: string): Balance & { updatedAt?: string } => {
  const row = prepared<[string], BalanceRow>(db, 'SELECT * FROM points_balances WHERE expert_id = ?').get(expertId);
  if (!row) return emptyBalance;
  const { expert_id: _id, updated_at, ...balance } = row;
  return { ...balance, updatedAt: updated_at };
};

/** Accounts with a pending lot due by `now` / a reservation timed out by `now` (for the jobs). */
/**
 * The jobs' queries over `points_lots`, each served by its partial index (only the lots a job still has
 * to look at are in it; `balance.projection.int.spec.ts` checks the plans). `IS NOT NULL` is spelt out:
 * without it SQLite scans the table for the DISTINCT.
 */
export const JOB_QUERIES = {
  duePending: 'SELECT DISTINCT expert_id FROM points_lots WHERE available_at IS NOT NULL AND available_at <= ? LIMIT ?',
  dueForExpiry: `SELECT expires_at, expert_id, lot_id FROM points_lots WHERE expiry_listed = 1 AND expires_at <= ? AND (expires_at, expert_id, lot_id) > (?, ?, ?)
     ORDER BY expires_at, expert_id, lot_id LIMIT ?`,
} as const;

export const accountsWithDuePending = (db: Database.Database, now: Date, limit = 500): string[] =>
  prepared<[string, number], { expert_id: string }>(db, JOB_QUERIES.duePending).all(now.toISOString(), limit).map((r) => r.expert_id);

export function accountsWithTimedOutReservations(db: Database.Database, now: Date, limit = 500): { expertId: string; reservationIds: string[] }[] {
  const rows = db
    .prepare<[string, number], { expert_id: string; reservation_id: string }>('SELECT expert_id, reservation_id FROM points_open_reservations WHERE timeout_at <= ? ORDER BY expert_id LIMIT ?')
    .all(now.toISOString(), limit);
  const byAccount = new Map<string, string[]>();
  for (const r of rows) byAccount.set(r.expert_id, [...(byAccount.get(r.expert_id) ?? []), r.reservation_id]);
  return [...byAccount].map(([expertId, reservationIds]) => ({ expertId, reservationIds }));
}

export interface ExpiryCursor {
  readonly expiresAt: string;
  readonly expertId: string;
  readonly lotId: string;
}

/**
 * Lots due to expire by `now`, after `cursor` in (expires_at, expert_id, lot_id) order: the expiry
 * job pages through them with a watermark, so lots already spent to zero are looked at once.
 */
export const lotsDueForExpiry = (db: Database.Database, now: Date, cursor: ExpiryCursor | undefined, limit = 500): ExpiryCursor[] =>
  prepared<[string, string, string, string, number], { expires_at: string; expert_id: string; lot_id: string }>(db, JOB_QUERIES.dueForExpiry)
    .all(now.toISOString(), cursor?.expiresAt ?? '', cursor?.expertId ?? '', cursor?.lotId ?? '', limit)
    .map((r) => ({ expiresAt: r.expires_at, expertId: r.expert_id, lotId: r.lot_id }));
