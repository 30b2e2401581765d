import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { applyMovement, emptyBalance, type Balance } from '../../domain/account/account.balance';
import { ACCOUNT_STREAM_PREFIX, type AccountEvent } from '../../domain/account/account.events';

/**
 * One row per account: the balance as the sum of its movements (the same fold the property tests hold
 * the aggregate to). Two side tables tell the scheduled jobs which accounts have work: lots still
 * pending, and reservations still open.
 */
export const BALANCE_TABLES = { balances: 'points_balances', pending: 'points_pending_lots', reservations: 'points_open_reservations' } as const;

export interface BalanceRow extends Balance {
  readonly expert_id: string;
  readonly updated_at: string;
}

const COLUMNS = ['earned', 'pending', 'available', 'reserved', 'spent', 'expired', 'reversed', 'adjusted'] as const;

export const balanceProjection: SqlProjection = {
  name: 'points_balances',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS points_balances (
      expert_id TEXT PRIMARY KEY, ${COLUMNS.map((c) => `${c} INTEGER NOT NULL`).join(', ')}, updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS points_pending_lots (expert_id TEXT NOT NULL, lot_id TEXT NOT NULL, available_at TEXT NOT NULL, PRIMARY KEY (expert_id, lot_id));
    CREATE INDEX IF NOT EXISTS points_pending_lots_due ON points_pending_lots (available_at);
    CREATE TABLE IF NOT EXISTS points_open_reservations (expert_id TEXT NOT NULL, reservation_id TEXT NOT NULL, timeout_at TEXT NOT NULL, PRIMARY KEY (expert_id, reservation_id));
    CREATE INDEX IF NOT EXISTS points_open_reservations_due ON points_open_reservations (timeout_at);
  `,
  tables: Object.values(BALANCE_TABLES),
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    const expertId = recorded.stream.slice(ACCOUNT_STREAM_PREFIX.length);
    const row = db.prepare<[string], BalanceRow>('SELECT * FROM points_balances WHERE expert_id = ?').get(expertId);
    const next = applyMovement(row ?? emptyBalance, event);
    db.prepare(
      `INSERT INTO points_balances (expert_id, ${COLUMNS.join(', ')}, updated_at) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}, ?)
       ON CONFLICT(expert_id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
    ).run(expertId, ...COLUMNS.map((c) => next[c]), recorded.recordedAt.toISOString());
    trackWork(db, expertId, event);
  },
};

function trackWork(db: Database.Database, expertId: string, event: AccountEvent): void {
  const dropPending = (lots: readonly { lotId: string; pending: boolean }[]) => {
    const del = db.prepare('DELETE FROM points_pending_lots WHERE expert_id = ? AND lot_id = ?');
    for (const l of lots) if (l.pending) del.run(expertId, l.lotId);
  };
  switch (event.type) {
    case 'PointsEarned':
      if (event.data.pending) db.prepare('INSERT OR REPLACE INTO points_pending_lots VALUES (?, ?, ?)').run(expertId, event.data.lotId, event.data.availableAt);
      return;
    case 'PointsUnlocked':
    case 'PointsReversed':
    case 'PointsExpired':
      return dropPending(event.data.lots);
    case 'PointsReserved':
      db.prepare('INSERT OR REPLACE INTO points_open_reservations VALUES (?, ?, ?)').run(expertId, event.data.reservationId, event.data.timeoutAt);
      return;
    case 'ReservationCaptured':
    case 'ReservationReleased':
      db.prepare('DELETE FROM points_open_reservations WHERE expert_id = ? AND reservation_id = ?').run(expertId, event.data.reservationId);
      return;
    default:
      return;
  }
}

export const readBalance = (db: Database.Database, expertId: string): Balance & { updatedAt?: string } => {
  const row = db.prepare<[string], BalanceRow>('SELECT * FROM points_balances WHERE expert_id = ?').get(expertId);
  if (!row) return emptyBalance;
  const { expert_id: _id, updated_at, ...balance } = row;
  return { ...balance, updatedAt: updated_at };
};

/** Accounts with a pending lot due by `now` / a reservation timed out by `now` (for the jobs). */
export const accountsWithDuePending = (db: Database.Database, now: Date, limit = 500): string[] =>
  db.prepare<[string, number], { expert_id: string }>('SELECT DISTINCT expert_id FROM points_pending_lots WHERE available_at <= ? LIMIT ?').all(now.toISOString(), limit).map((r) => r.expert_id);

export const accountsWithTimedOutReservations = (db: Database.Database, now: Date, limit = 500): string[] =>
  db.prepare<[string, number], { expert_id: string }>('SELECT DISTINCT expert_id FROM points_open_reservations WHERE timeout_at <= ? LIMIT ?').all(now.toISOString(), limit).map((r) => r.expert_id);
