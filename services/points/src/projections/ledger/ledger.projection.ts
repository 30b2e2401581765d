import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { applyMovement, emptyBalance } from '../../domain/account/account.balance';
import { ACCOUNT_STREAM_PREFIX, MOVEMENT_EVENT_TYPES, type AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';

/**
 * Every movement of every account, in store order: what it did to available / pending / reserved, and
 * where it came from (rule id and version, source event, reservation, operator). Declined earnings
 * are listed too, with 0 points, so "why did this clue earn nothing" has an answer.
 */
export const ledgerProjection: SqlProjection = {
  name: 'points_ledger',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS points_ledger (
      position INTEGER PRIMARY KEY, expert_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
      points INTEGER NOT NULL, available_delta INTEGER NOT NULL, pending_delta INTEGER NOT NULL, reserved_delta INTEGER NOT NULL,
      rule_id TEXT, rule_version INTEGER, source_event_id TEXT, reservation_id TEXT, at TEXT NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS points_ledger_account ON points_ledger (expert_id, position);
    CREATE INDEX IF NOT EXISTS points_ledger_type_at ON points_ledger (type, at);
  `,
  tables: ['points_ledger'],
  filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX], eventTypes: [...MOVEMENT_EVENT_TYPES] },
  rebuildInBulk: true,
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const r = ledgerRow(recorded);
    prepared(db, 'INSERT OR REPLACE INTO points_ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.position,
      r.expert_id,
      r.event_id,
      r.type,
      r.points,
      r.available_delta,
      r.pending_delta,
      r.reserved_delta,
      r.rule_id,
      r.rule_version,
      r.source_event_id,
      r.reservation_id,
      r.at,
      r.data,
    );
  },
};

/** The ledger row of a movement: what the projection stores, and what as-of builds a page from without storing it. */
export function ledgerRow(recorded: RecordedEvent): Row & { expert_id: string } {
  const event = { type: recorded.type, data: recorded.data } as AccountEvent;
  const delta = applyMovement(emptyBalance, event);
  const d = recorded.data as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  return {
    position: Number(recorded.position.commit),
    expert_id: recorded.stream.slice(ACCOUNT_STREAM_PREFIX.length),
    event_id: recorded.id,
    type: recorded.type,
    points: typeof d.points === 'number' ? d.points : 0,
    available_delta: delta.available,
    pending_delta: delta.pending,
    reserved_delta: delta.reserved,
    rule_id: str('ruleId'),
    rule_version: typeof d.ruleVersion === 'number' ? d.ruleVersion : null,
    source_event_id: str('sourceEventId'),
    reservation_id: str('reservationId'),
    at: str('earnedAt') ?? str('at') ?? str('reservedAt') ?? recorded.recordedAt.toISOString(),
    data: JSON.stringify(recorded.data),
  };
}

export interface LedgerEntry {
  readonly cursor: string;
  readonly eventId: string;
  readonly type: string;
  readonly points: number;
  readonly availableDelta: number;
  readonly pendingDelta: number;
  readonly reservedDelta: number;
  readonly ruleId?: string;
  readonly ruleVersion?: number;
  readonly sourceEventId?: string;
  readonly reservationId?: string;
  readonly at: string;
  readonly data: unknown;
}

interface Row {
  position: number;
  event_id: string;
  type: string;
  points: number;
  available_delta: number;
  pending_delta: number;
  reserved_delta: number;
  rule_id: string | null;
  rule_version: number | null;
  source_event_id: string | null;
  reservation_id: string | null;
  at: string;
  data: string;
}

/** A page of an account's ledger after `after` (exclusive), oldest first; `next` is absent on the last page. */
/** Whether the account's ledger already holds the reservation (a retried redeem finds its first answer). */
export function reservationRecorded(db: Database.Database, expertId: string, reservationId: string): boolean {
  return prepared(db, "SELECT 1 FROM points_ledger WHERE expert_id = ? AND reservation_id = ? AND type = 'PointsReserved' LIMIT 1").get(expertId, reservationId) !== undefined;
}

export function readLedger(db: Database.Database, expertId: string, after: number, limit: number): { items: LedgerEntry[]; next?: string } {
  return ledgerPage(prepared<[string, number, number], Row>(db, 'SELECT * FROM points_ledger WHERE expert_id = ? AND position > ? ORDER BY position LIMIT ?').all(expertId, after, limit + 1), limit);
}

/** The account's movements (in store order) as a ledger page after `after`: the same page `readLedger` reads once they are projected. */
export function ledgerPageOf(events: readonly RecordedEvent[], after: number, limit: number): { items: LedgerEntry[]; next?: string } {
  const rows: Row[] = [];
  for (const e of events) {
    if (rows.length > limit) break;
    if (MOVEMENTS.has(e.type) && Number(e.position.commit) > after) rows.push(ledgerRow(e));
  }
  return ledgerPage(rows, limit);
}

const MOVEMENTS: ReadonlySet<string> = new Set(MOVEMENT_EVENT_TYPES);

/** `rows`: up to `limit + 1` rows in position order (one more says there is a next page). */
function ledgerPage(rows: readonly Row[], limit: number): { items: LedgerEntry[]; next?: string } {
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    cursor: String(r.position),
    eventId: r.event_id,
    type: r.type,
    points: r.points,
    availableDelta: r.available_delta,
    pendingDelta: r.pending_delta,
    reservedDelta: r.reserved_delta,
    ...(r.rule_id !== null ? { ruleId: r.rule_id } : {}),
    ...(r.rule_version !== null ? { ruleVersion: r.rule_version } : {}),
    ...(r.source_event_id !== null ? { sourceEventId: r.source_event_id } : {}),
    ...(r.reservation_id !== null ? { reservationId: r.reservation_id } : {}),
    at: r.at,
    data: JSON.parse(r.data) as unknown,
  }));
  return rows.length > limit ? { items, next: String(page[page.length - 1]!.position) } : { items };
}
