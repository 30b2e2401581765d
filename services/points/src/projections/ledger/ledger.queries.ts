import type Database from 'better-sqlite3';
import type { PointsEarnedData, PointsReversedData } from '../../domain/account/account.events';
import type { TimedEvent } from '../../domain/what-if/balance-simulation';
import type { AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';
import { readLedger, reservationRecorded, type LedgerEntry } from './ledger.projection';

/** An account's movements as the ledger read model holds them, and the period queries what-if needs. */
export abstract class LedgerQueries {
  /** A page of an account's ledger after `after` (exclusive), oldest first; `next` is absent on the last page. */
  abstract page(expertId: string, after: number, limit: number): { items: LedgerEntry[]; next?: string };
  /** Whether the account's ledger already holds the reservation (a retried redeem finds its first answer). */
  abstract hasReservation(expertId: string, reservationId: string): boolean;
  /** The account's movements that happened before `to` (an earning: when its source occurred), in store order. */
  abstract movementsBefore(expertId: string, to: Date): TimedEvent[];
  /** Every reversal recorded before `to`. */
  abstract reversalsBefore(to: Date): Iterable<PointsReversedData>;
  /** Every earning whose source occurred in [from, to). */
  abstract earningsBetween(from: Date, to: Date): Iterable<PointsEarnedData>;
}

export class SqliteLedgerQueries implements LedgerQueries {
  constructor(private readonly db: Database.Database) {}

  page = (expertId: string, after: number, limit: number) => readLedger(this.db, expertId, after, limit);
  hasReservation = (expertId: string, reservationId: string) => reservationRecorded(this.db, expertId, reservationId);

  movementsBefore(expertId: string, to: Date): TimedEvent[] {
    return prepared<[string, string], { type: string; data: string; at: string }>(this.db, 'SELECT type, data, at FROM points_ledger WHERE expert_id = ? AND at < ? ORDER BY position')
      .all(expertId, to.toISOString())
      .map((row) => ({ at: row.at, event: { type: row.type, data: JSON.parse(row.data) } as AccountEvent }));
  }

  *reversalsBefore(to: Date): Iterable<PointsReversedData> {
    for (const row of this.db.prepare<[string], { data: string }>("SELECT data FROM points_ledger WHERE type = 'PointsReversed' AND at < ?").iterate(to.toISOString())) {
      yield JSON.parse(row.data) as PointsReversedData;
    }
  }

  *earningsBetween(from: Date, to: Date): Iterable<PointsEarnedData> {
    for (const row of this.db.prepare<[string, string], { data: string }>("SELECT data FROM points_ledger WHERE type = 'PointsEarned' AND at >= ? AND at < ?").iterate(from.toISOString(), to.toISOString())) {
      yield JSON.parse(row.data) as PointsEarnedData;
    }
  }
}
