import type { Balance } from '../../domain/account/account.balance';
import { START, type Checkpoint } from '../../domain/account/account.checkpoint';
import { initialState, type Account } from '../../domain/account/account.state';
import type { PersistentTable } from '../../domain/account/persistent-table';

/**
 * The shape of a persisted checkpoint: bump when `Account`, `Balance`, `evolve` or `applyMovement`
 * change what a fold holds. The projection's version follows it, so the runner clears the checkpoints
 * and folds them again from the store; readers also skip rows of another version.
 */
export const ACCOUNT_FOLD_VERSION = 1;

/** A checkpoint every this many events of an account's stream (revisions 99, 199, ...). */
export const CHECKPOINT_EVERY = 100;

/**
 * What a checkpoint adds to the one before it: the scalars whole, and of each table only the entries
 * set since (in table order). A checkpoint is stored as this delta, so an account's checkpoints take
 * space in proportion to its history (a full copy every 100 events would grow with its square); the
 * state at a revision is the deltas up to it merged in order (`mergeDeltas`).
 */
interface Delta {
  readonly status: Account['status'];
  readonly debt: number;
  readonly tier: Account['tier'];
  readonly tierSince?: string;
  readonly balance: Balance;
  readonly lots: Rows;
  readonly reservations: Rows;
  readonly decidedSources: Rows;
  readonly retracted: Rows;
  readonly adjustments: Rows;
}

/**
 * A table's values as rows of field values, the field names once (objects), or the values as they are
 * (strings): about half the text of a list of objects, and quicker to parse, which is most of what the
 * first question after a restart costs. No field of the account's tables holds null, so null stands for
 * an absent optional field.
 */
type Rows = { readonly fields: readonly string[]; readonly rows: readonly (readonly unknown[])[] } | readonly unknown[];

function toRows(values: readonly unknown[]): Rows {
  if (values.length === 0 || typeof values[0] !== 'object') return values;
  const fields = new Map<string, number>();
  for (const v of values) for (const k of Object.keys(v as object)) if (!fields.has(k)) fields.set(k, fields.size);
  const names = [...fields.keys()];
  return { fields: names, rows: values.map((v) => names.map((f) => (v as Record<string, unknown>)[f] ?? null)) };
}

function fromRows(r: Rows): unknown[] {
  if (Array.isArray(r)) return r as unknown[];
  const { fields, rows } = r as Exclude<Rows, readonly unknown[]>;
  return rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) if (row[i] !== null) o[fields[i]!] = row[i];
    return o;
  });
}

const TABLES = ['lots', 'reservations', 'decidedSources', 'retracted', 'adjustments'] as const;
type TableName = (typeof TABLES)[number];

/** `next` as a delta over `base`, an earlier checkpoint of the same fold (its tables are ancestors of `next`'s). */
export function encodeDelta(next: Checkpoint, base: Checkpoint): string {
  const a = next.account;
  const delta: Delta = {
    status: a.status,
    debt: a.debt,
    tier: a.tier,
    ...(a.tierSince !== undefined ? { tierSince: a.tierSince } : {}),
    balance: next.balance,
    lots: toRows(a.lots.changedSince(base.account.lots)),
    reservations: toRows(a.reservations.changedSince(base.account.reservations)),
    decidedSources: toRows(a.decidedSources.changedSince(base.account.decidedSources)),
    retracted: toRows(a.retracted.changedSince(base.account.retracted)),
    adjustments: toRows(a.adjustments.changedSince(base.account.adjustments)),
  };
  return JSON.stringify(delta);
}

export interface StoredDelta {
  readonly revision: number;
  readonly position: number | bigint;
  readonly recordedUntil: number;
  readonly state: string;
}

/** The checkpoint at the last of `rows` (an account's deltas from its first, in revision order). */
export function mergeDeltas(rows: readonly StoredDelta[]): Checkpoint {
  const last = rows[rows.length - 1];
  if (last === undefined) return START;
  const tables = Object.fromEntries(TABLES.map((t) => [t, new Map<string, unknown>()])) as Record<TableName, Map<string, unknown>>;
  let delta: Delta | undefined;
  for (const row of rows) {
    delta = JSON.parse(row.state) as Delta;
    for (const t of TABLES) {
      const table = tables[t];
      const keyOf = KEYS[t];
      // A Map keeps a key's first place when it is set again: the table order of the fold.
      for (const v of fromRows(delta[t])) table.set(keyOf(v), v);
    }
  }
  const d = delta!;
  const rebuilt = <T>(empty: PersistentTable<T>, t: TableName) => empty.withValues([...tables[t].values()] as T[]);
  const account: Account = {
    status: d.status,
    debt: d.debt,
    tier: d.tier,
    ...(d.tierSince !== undefined ? { tierSince: d.tierSince } : {}),
    lots: rebuilt(initialState.lots, 'lots'),
    reservations: rebuilt(initialState.reservations, 'reservations'),
    decidedSources: rebuilt(initialState.decidedSources, 'decidedSources'),
    retracted: rebuilt(initialState.retracted, 'retracted'),
    adjustments: rebuilt(initialState.adjustments, 'adjustments'),
  };
  return { revision: last.revision, position: BigInt(last.position), recordedUntil: last.recordedUntil, balance: d.balance, account };
}

/** The keys `initialState`'s tables use (the stored values are those tables' values). */
const KEYS: Record<TableName, (v: unknown) => string> = {
  lots: (v) => (v as { lotId: string }).lotId,
  reservations: (v) => (v as { reservationId: string }).reservationId,
  decidedSources: (v) => (v as { key: string }).key,
  retracted: (v) => v as string,
  adjustments: (v) => (v as { adjustmentId: string }).adjustmentId,
};
