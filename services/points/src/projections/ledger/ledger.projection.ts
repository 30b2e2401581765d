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
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    const delta = applyMovement(emptyBalance, event);
    const d = recorded.data as Record<string, unknown>;
    const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
    prepared(db, 'INSERT OR REPLACE INTO points_ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      Number(recorded.position.commit),
      recorded.stream.slice(ACCOUNT_STREAM_PREFIX.length),
      recorded.id,
      recorded.type,
      typeof d.points === 'number' ? d.points : 0,
      delta.available,
      delta.pending,
      delta.reserved,
      str('ruleId'),
      typeof d.ruleVersion === 'number' ? d.ruleVersion : null,
      str('sourceEventId'),
      str('reservationId'),
      str('earnedAt') ?? str('at') ?? str('reservedAt') ?? recorded.recordedAt.toISOString(),
      JSON.stringify(recorded.data),
    );
  },
};

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
export function readLedger(db: Database.Database, expertId: string, after: number, limit: number): { items: LedgerEntry[]; next?: string } {
  const rows = prepared<[string, number, number], Row>(db, 'SELECT * FROM points_ledger WHERE expert_id = ? AND position > ? ORDER BY position LIMIT ?').all(expertId, after, limit + 1);
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
