import type { EventStore, Position, RecordedEvent } from '@hope/eventstore';

/** An account's balance as the plain sum of its movements, computed here independently of the service's fold. */
export interface AccountSums {
  earned: number;
  pending: number;
  available: number;
  reserved: number;
  spent: number;
  expired: number;
  reversed: number;
  adjusted: number;
}

export const SUM_COLUMNS = ['earned', 'pending', 'available', 'reserved', 'spent', 'expired', 'reversed', 'adjusted'] as const;

export interface Earning {
  readonly eventId: string;
  readonly stream: string;
  readonly expertId: string;
  readonly lotId: string;
  readonly points: number;
  readonly sourceEventId: string;
  readonly sourceType: string;
  readonly ruleId: string;
  /** `proposal:<id>` / `invitation:<id>`: what a retraction of the source would name. */
  readonly retractKeys: readonly string[];
}

export interface Reversal {
  readonly eventId: string;
  readonly expertId: string;
  readonly sourceEventId: string;
  readonly sourceType: string;
  readonly retracted: string;
}

export interface ReservationTrail {
  reserved?: { eventId: string; points: number };
  captured: { eventId: string; points: number }[];
  released: { eventId: string; points: number }[];
}

export interface TypeTotal {
  count: number;
  points: number;
}

/** Everything `verify` needs from the points store, read in one pass. */
export interface PointsLedger {
  readonly accounts: Map<string, AccountSums>;
  readonly earnings: Earning[];
  readonly reversals: Reversal[];
  /** EarningDeclined: a source that earned nothing under a rule, on purpose (a limit, a budget, a retraction). */
  readonly declines: { expertId: string; sourceEventId: string; ruleId: string }[];
  /** Per account, per reservation id, in recorded order. */
  readonly reservations: Map<string, Map<string, ReservationTrail>>;
  readonly totals: Map<string, TypeTotal>;
  readonly earnedBySource: Map<string, TypeTotal>;
  /** The last account event read: a live read model is compared only once it has applied this far. */
  readonly lastPosition?: Position;
}

export const ACCOUNT_PREFIX = 'account-';

const empty = (): AccountSums => ({ earned: 0, pending: 0, available: 0, reserved: 0, spent: 0, expired: 0, reversed: 0, adjusted: 0 });
type Lots = { points: number; pending: boolean }[];
const lotsOf = (d: Record<string, unknown>): Lots => (Array.isArray(d.lots) ? (d.lots as Lots) : []);
const pendingPart = (d: Record<string, unknown>) => lotsOf(d).reduce((s, l) => s + (l.pending ? Number(l.points) : 0), 0);
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function addTotal(m: Map<string, TypeTotal>, key: string, points: number): void {
  const t = m.get(key) ?? { count: 0, points: 0 };
  t.count += 1;
  t.points += points;
  m.set(key, t);
}

export async function readPointsLedger(store: EventStore): Promise<PointsLedger> {
  const ledger: PointsLedger = { accounts: new Map(), earnings: [], reversals: [], declines: [], reservations: new Map(), totals: new Map(), earnedBySource: new Map() };
  let lastPosition: Position | undefined;
  for await (const e of store.readAll({ filter: { streamPrefixes: [ACCOUNT_PREFIX] } })) {
    lastPosition = e.position;
    apply(ledger, e);
  }
  for (const sums of ledger.accounts.values()) sums.available = sums.earned + sums.adjusted - sums.pending - sums.spent - sums.reserved - sums.expired - sums.reversed;
  return lastPosition ? { ...ledger, lastPosition } : ledger;
}

function apply(ledger: PointsLedger, e: RecordedEvent): void {
  const expertId = e.stream.slice(ACCOUNT_PREFIX.length);
  const d = e.data as Record<string, unknown>;
  const points = num(d.points);
  // Every account event (EarningDeclined too) gives the account a row in the read model.
  const sums = ledger.accounts.get(expertId) ?? empty();
  ledger.accounts.set(expertId, sums);
  const trail = (reservationId: string) => {
    const byId = ledger.reservations.get(expertId) ?? new Map<string, ReservationTrail>();
    ledger.reservations.set(expertId, byId);
    const t = byId.get(reservationId) ?? { captured: [], released: [] };
    byId.set(reservationId, t);
    return t;
  };
  switch (e.type) {
    case 'PointsEarned': {
      sums.earned += points;
      if (d.pending === true) sums.pending += points;
      const p = (d.provenance ?? {}) as Record<string, unknown>;
      const retractKeys = [...(p.proposalId ? [`proposal:${str(p.proposalId)}`] : []), ...(p.invitationId ? [`invitation:${str(p.invitationId)}`] : [])];
      ledger.earnings.push({ eventId: e.id, stream: e.stream, expertId, lotId: str(d.lotId), points, sourceEventId: str(d.sourceEventId), sourceType: str(d.sourceType), ruleId: str(d.ruleId), retractKeys });
      addTotal(ledger.earnedBySource, str(d.sourceType), points);
      break;
    }
    case 'PointsUnlocked':
      sums.pending -= points;
      break;
    case 'PointsReversed':
      sums.reversed += points;
      sums.pending -= pendingPart(d);
      ledger.reversals.push({ eventId: e.id, expertId, sourceEventId: str(d.sourceEventId), sourceType: str(d.sourceType), retracted: str(d.retracted) });
      break;
    case 'PointsReserved':
      sums.reserved += points;
      trail(str(d.reservationId)).reserved = { eventId: e.id, points };
      break;
    case 'ReservationCaptured':
      sums.reserved -= points;
      sums.spent += points;
      trail(str(d.reservationId)).captured.push({ eventId: e.id, points });
      break;
    case 'ReservationReleased':
      sums.reserved -= points;
      trail(str(d.reservationId)).released.push({ eventId: e.id, points });
      break;
    case 'PointsExpired':
      sums.expired += points;
      sums.pending -= pendingPart(d);
      break;
    case 'PointsAdjusted':
      sums.adjusted += points;
      break;
    case 'EarningDeclined':
      ledger.declines.push({ expertId, sourceEventId: str(d.sourceEventId), ruleId: str(d.ruleId) });
      return;
    default:
      // Anything newer moves no points.
      return;
  }
  addTotal(ledger.totals, e.type, points);
}
