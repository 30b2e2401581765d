import type Database from 'better-sqlite3';
import { cursorCodec, isStringPairKey } from '@hope/platform';
import { HOLDS_SLOT } from '../../domain/interview/interview.state';
import { BOOKINGS_SELECT, BOOKINGS_TABLE, toBooking, type BookingRow } from './bookings.projection';

export type Booking = ReturnType<typeof toBooking>;

/** Filters of the bookings list; the caller's tenancy is applied before (application/interviews). */
export interface BookingFilter {
  expertId?: string;
  organisationId?: string;
  status?: string;
  limit?: number;
  cursor?: string;
  /** An expert's own calls: those they give (`expertId`) and those they booked with a peer (`organisationId`). */
  expertOrRequester?: { expertId: string; organisationId: string };
}

export interface BookingsPage {
  readonly items: Booking[];
  readonly nextCursor: string | null;
}

/** A request still waiting for an answer whose deadline has passed (the expiry job's worklist). */
export interface OverdueRequest {
  readonly interviewId: string;
  readonly expertId: string;
  readonly expiresAt: string;
}

/** The query port of the bookings read model (one row per interview). */
export abstract class BookingsQueries {
  abstract list(filter: BookingFilter): BookingsPage;
  abstract find(interviewId: string): Booking | undefined;
  /** Held slots of an expert overlapping [from, to), in epoch ms. */
  abstract busySlots(expertId: string, from: string, to: string): { start: number; end: number }[];
  /** The expert's calls with a slot (held, cancelled or completed), by start; only one organisation's if given. */
  abstract calendar(expertId: string, organisationId?: string): Booking[];
  abstract overdueRequests(now: string, limit: number): OverdueRequest[];
}

const HELD = HOLDS_SLOT.map((s) => `'${s}'`).join(', ');

/** Keyset position (requested_at, interview_id), in the platform's tagged cursor: no other list's cursor pages this one. */
export const INTERVIEWS_CURSOR = cursorCodec('interviews', 1, isStringPairKey);

export class SqliteBookingsQueries extends BookingsQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  list(f: BookingFilter): BookingsPage {
    const where: string[] = [];
    const args: Record<string, string | number> = { limit: (f.limit ?? 50) + 1 };
    for (const [column, value] of [['expert_id', f.expertId], ['organisation_id', f.organisationId], ['status', f.status]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = @${column}`);
      args[column] = value;
    }
    if (f.expertOrRequester !== undefined) {
      where.push('(expert_id = @me OR organisation_id = @meAsRequester)');
      Object.assign(args, { me: f.expertOrRequester.expertId, meAsRequester: f.expertOrRequester.organisationId });
    }
    if (f.cursor !== undefined) {
      const [at, id] = INTERVIEWS_CURSOR.decode(f.cursor);
      where.push('(requested_at, interview_id) > (@at, @id)');
      Object.assign(args, { at, id });
    }
    const rows = this.db
      .prepare<Record<string, string | number>, BookingRow>(`${BOOKINGS_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at, interview_id LIMIT @limit`)
      .all(args);
    const page = rows.slice(0, f.limit ?? 50);
    const last = page[page.length - 1];
    return { items: page.map(toBooking), nextCursor: rows.length > page.length && last ? INTERVIEWS_CURSOR.encode([last.requested_at, last.interview_id]) : null };
  }

  find(interviewId: string): Booking | undefined {
    const row = this.db.prepare<[string], BookingRow>(`${BOOKINGS_SELECT} WHERE interview_id = ?`).get(interviewId);
    return row ? toBooking(row) : undefined;
  }

  busySlots(expertId: string, from: string, to: string): { start: number; end: number }[] {
    return this.db
      .prepare<[string, string, string], { slot_start: string; slot_end: string }>(
        `SELECT slot_start, slot_end FROM ${BOOKINGS_TABLE} WHERE expert_id = ? AND status IN (${HELD}) AND slot_start < ? AND slot_end > ? ORDER BY slot_start`,
      )
      .all(expertId, to, from)
      .map((b) => ({ start: Date.parse(b.slot_start), end: Date.parse(b.slot_end) }));
  }

  calendar(expertId: string, organisationId?: string): Booking[] {
    return this.db
      .prepare<Record<string, string>, BookingRow>(
        `SELECT * FROM ${BOOKINGS_TABLE} WHERE expert_id = @expert AND slot_start IS NOT NULL AND status IN (${HELD}, 'cancelled', 'completed')
         ${organisationId !== undefined ? 'AND organisation_id = @org' : ''} ORDER BY slot_start`,
      )
      .all({ expert: expertId, ...(organisationId !== undefined ? { org: organisationId } : {}) })
      .map(toBooking);
  }

  overdueRequests(now: string, limit: number): OverdueRequest[] {
    return this.db
      .prepare<[string, number], OverdueRequest>(
        `SELECT interview_id AS interviewId, expert_id AS expertId, expires_at AS expiresAt FROM ${BOOKINGS_TABLE}
         WHERE status IN ('requested', 'counter-proposed') AND expires_at <= ? ORDER BY expires_at LIMIT ?`,
      )
      .all(now, limit);
  }
}
