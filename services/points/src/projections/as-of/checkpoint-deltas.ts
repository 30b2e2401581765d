import type { Balance } from '../../domain/account/account.balance';
import { lotForAsOf, START, type Checkpoint, type LotForAsOf } from '../../domain/account/account.checkpoint';
import { initialState, type Account, type Adjustment, type DecidedSource, type Lot, type Reservation } from '../../domain/account/account.state';
import type { PersistentTable } from '../../domain/account/persistent-table';

/**
 * The shape of a persisted checkpoint: bump when `Account`, `Balance`, `evolve` or `applyMovement`
 * change what a fold holds. The projection's version follows it, so the runner clears the checkpoints
 * and folds them again from the store; readers also skip rows of another version.
 */
export const ACCOUNT_FOLD_VERSION = 2;

/** A checkpoint every this many events of an account's stream (revisions 99, 199, ...). */
export const CHECKPOINT_EVERY = 100;

/**
 * What a checkpoint adds to the one before it: the scalars whole, and of each table only the entries
 * set since (in table order). A checkpoint is stored as this delta, so an account's checkpoints take
 * space in proportion to its history (a full copy every 100 events would grow with its square); the
 * state at a revision is the deltas up to it merged in order (`mergeDeltas`).
 *
 * Stored as two JSON texts, one line each: first what an as-of answer folds (the scalars, the
 * reservations, and of each lot what `lotForAsOf` keeps), then the rest (the lots' other fields, in the
 * same order, and the tables `evolve` only writes: decided sources, retractions, adjustments). The first
 * question after a restart parses the first line only (`loadForAsOf` in as-of-checkpoints.queries.ts).
 */
interface Delta {
  readonly status: Account['status'];
  readonly debt: number;
  readonly tier: Account['tier'];
  readonly tierSince?: string;
  readonly balance: Balance;
  readonly lots: readonly Row[];
  readonly reservations: readonly Row[];
}

interface RestDelta {
  /** The lots' other fields, row for row with `Delta.lots`. */
  readonly lots: readonly Row[];
  readonly decidedSources: readonly Row[];
  readonly retracted: readonly string[];
  readonly adjustments: readonly Row[];
}

/** JSON.stringify never writes a raw newline: the first one in a stored delta ends its as-of part. */
const PARTS = '\n';

/**
 * A table's value as a row of its field values in a fixed order (null for an absent optional field;
 * no field of the account's tables holds null): a third of the text of a list of objects, and decoded
 * into objects of one shape with no field names to look up, which is most of what the first question
 * after a restart costs. The layouts are part of the fold's version. `satisfies Record<keyof T, ...>`
 * makes a field added to a value's type a compile error here until it has a column.
 */
type Row = readonly unknown[];
const LOT_AS_OF = { lotId: 0, remaining: 1, pending: 2, earnedAt: 3, expiresAt: 4 } as const satisfies Record<keyof LotForAsOf, number>;
const LOT_REST = { points: 0, expired: 1, availableAt: 2, retractKeys: 3, reversed: 4, origin: 5, earnedByRule: 6 } as const satisfies Record<Exclude<keyof Lot, keyof LotForAsOf>, number>;
const RESERVATION = { reservationId: 0, itemId: 1, points: 2, lots: 3, status: 4, timeoutAt: 5, heldBy: 6, captured: 7 } as const satisfies Record<keyof Reservation, number>;
const DECIDED = { key: 0, ruleId: 1, at: 2, earned: 3 } as const satisfies Record<keyof DecidedSource, number>;
const ADJUSTMENT = { adjustmentId: 0, points: 1, reason: 2 } as const satisfies Record<keyof Adjustment, number>;

/** The values as rows of the fields `columns` places (a layout of some of a value's fields, or all). */
function rowsOf<T>(columns: { readonly [K in keyof T]?: number }, values: readonly T[]): Row[] {
  const fields = Object.entries(columns) as [keyof T, number][];
  return values.map((v) => {
    const row = new Array<unknown>(fields.length).fill(null);
    for (const [field, i] of fields) row[i] = v[field] ?? null;
    return row;
  });
}

const lotForAsOfOf = (r: Row): LotForAsOf => ({
  lotId: r[LOT_AS_OF.lotId] as string,
  remaining: r[LOT_AS_OF.remaining] as number,
  pending: r[LOT_AS_OF.pending] as boolean,
  earnedAt: r[LOT_AS_OF.earnedAt] as string,
  expiresAt: r[LOT_AS_OF.expiresAt] as string,
});

/** The whole lot from its two rows. */
function lotOf(asOf: Row, rest: Row): Lot {
  const l = lotForAsOfOf(asOf);
  const lot: { -readonly [K in keyof Lot]: Lot[K] } = {
    lotId: l.lotId,
    points: rest[LOT_REST.points] as number,
    remaining: l.remaining,
    expired: rest[LOT_REST.expired] as number,
    pending: l.pending,
    earnedAt: l.earnedAt,
    availableAt: rest[LOT_REST.availableAt] as string,
    expiresAt: l.expiresAt,
    retractKeys: rest[LOT_REST.retractKeys] as string[],
    reversed: rest[LOT_REST.reversed] as boolean,
  };
  if (rest[LOT_REST.origin] !== null) lot.origin = rest[LOT_REST.origin] as string;
  if (rest[LOT_REST.earnedByRule] !== null) lot.earnedByRule = rest[LOT_REST.earnedByRule] as boolean;
  return lot;
}

function reservationOf(r: Row): Reservation {
  const reservation: { -readonly [K in keyof Reservation]: Reservation[K] } = {
    reservationId: r[RESERVATION.reservationId] as string,
    itemId: r[RESERVATION.itemId] as string,
    points: r[RESERVATION.points] as number,
    lots: r[RESERVATION.lots] as Reservation['lots'],
    status: r[RESERVATION.status] as Reservation['status'],
    timeoutAt: r[RESERVATION.timeoutAt] as string,
    heldBy: r[RESERVATION.heldBy] as string,
  };
  if (r[RESERVATION.captured] !== null) reservation.captured = r[RESERVATION.captured] as number;
  return reservation;
}

const decidedOf = (r: Row): DecidedSource => ({ key: r[DECIDED.key] as string, ruleId: r[DECIDED.ruleId] as string, at: r[DECIDED.at] as string, earned: r[DECIDED.earned] as boolean });
const adjustmentOf = (r: Row): Adjustment => ({ adjustmentId: r[ADJUSTMENT.adjustmentId] as string, points: r[ADJUSTMENT.points] as number, reason: r[ADJUSTMENT.reason] as string });

/** `next` as a delta over `base`, an earlier checkpoint of the same fold (its tables are ancestors of `next`'s). */
export function encodeDelta(next: Checkpoint, base: Checkpoint): string {
  const a = next.account;
  const b = base.account;
  const lots = a.lots.changedSince(b.lots);
  const delta: Delta = {
    status: a.status,
    debt: a.debt,
    tier: a.tier,
    ...(a.tierSince !== undefined ? { tierSince: a.tierSince } : {}),
    balance: next.balance,
    lots: rowsOf(LOT_AS_OF, lots),
    reservations: rowsOf(RESERVATION, a.reservations.changedSince(b.reservations)),
  };
  const rest: RestDelta = {
    lots: rowsOf(LOT_REST, lots),
    decidedSources: rowsOf(DECIDED, a.decidedSources.changedSince(b.decidedSources)),
    retracted: a.retracted.changedSince(b.retracted),
    adjustments: rowsOf(ADJUSTMENT, a.adjustments.changedSince(b.adjustments)),
  };
  return JSON.stringify(delta) + PARTS + JSON.stringify(rest);
}

export interface StoredDelta {
  readonly revision: number;
  readonly position: number | bigint;
  readonly recordedUntil: number;
  /** The delta, encoded (`encodeDelta`). */
  readonly state: string;
}

/** A table's values merged delta after delta: a value set again keeps its first place (the fold's table order). */
class Merged<T> {
  readonly values: T[] = [];
  readonly positions = new Map<string, number>();
  constructor(private readonly keyOf: (value: T) => string) {}
  add(value: T): void {
    const key = this.keyOf(value);
    const at = this.positions.get(key);
    if (at === undefined) {
      this.positions.set(key, this.values.length);
      this.values.push(value);
    } else {
      this.values[at] = value;
    }
  }
  table(empty: PersistentTable<T>): PersistentTable<T> {
    return empty.withValues(this.values, this.positions);
  }
}

/**
 * The checkpoint at the last of `rows` (an account's deltas from its first, in revision order). `whole`
 * false: only the as-of part of each delta is parsed, and the account is `accountForAsOf` of the whole
 * one (see `loadForAsOf` in as-of-checkpoints.queries.ts).
 */
export function mergeDeltas(rows: readonly StoredDelta[], whole = true): Checkpoint {
  const last = rows[rows.length - 1];
  if (last === undefined) return START;
  const lots = new Merged((l: Lot) => l.lotId);
  const reservations = new Merged((r: Reservation) => r.reservationId);
  const decidedSources = new Merged((d: DecidedSource) => d.key);
  const retracted = new Merged((k: string) => k);
  const adjustments = new Merged((a: Adjustment) => a.adjustmentId);
  let delta: Delta | undefined;
  for (const row of rows) {
    const end = row.state.indexOf(PARTS);
    delta = JSON.parse(row.state.slice(0, end)) as Delta;
    for (const r of delta.reservations) reservations.add(reservationOf(r));
    if (!whole) {
      for (const r of delta.lots) lots.add(lotForAsOf(lotForAsOfOf(r)));
      continue;
    }
    const rest = JSON.parse(row.state.slice(end + 1)) as RestDelta;
    delta.lots.forEach((r, i) => lots.add(lotOf(r, rest.lots[i]!)));
    for (const r of rest.decidedSources) decidedSources.add(decidedOf(r));
    for (const k of rest.retracted) retracted.add(k);
    for (const r of rest.adjustments) adjustments.add(adjustmentOf(r));
  }
  const d = delta!;
  const account: Account = {
    status: d.status,
    debt: d.debt,
    tier: d.tier,
    ...(d.tierSince !== undefined ? { tierSince: d.tierSince } : {}),
    lots: lots.table(initialState.lots),
    reservations: reservations.table(initialState.reservations),
    decidedSources: decidedSources.table(initialState.decidedSources),
    retracted: retracted.table(initialState.retracted),
    adjustments: adjustments.table(initialState.adjustments),
  };
  return { revision: last.revision, position: BigInt(last.position), recordedUntil: last.recordedUntil, balance: d.balance, account };
}
