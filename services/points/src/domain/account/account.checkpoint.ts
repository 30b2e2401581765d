import { applyMovement, emptyBalance, type Balance } from './account.balance';
import type { AccountEvent } from './account.events';
import { evolve, initialState, type Account, type Lot } from './account.state';

/**
 * The fold of an account's first events (revisions 0..revision): the two folds `accountAsOf` runs (the
 * balance as the sum of movements, and the account state), with where and when its last event was
 * recorded. As-of answers start from one instead of the stream's start; the `points_as_of` projection
 * persists them (projections/as-of/).
 */
export interface Checkpoint {
  /** The last revision folded; -1 before the first event. */
  readonly revision: number;
  /** Its commit position: where a ledger page that starts after a cursor may begin reading. */
  readonly position: bigint;
  /** The latest `recordedAt` among the events folded: the checkpoint holds for any instant after it. */
  readonly recordedUntil: number;
  readonly balance: Balance;
  readonly account: Account;
}

export const START: Checkpoint = { revision: -1, position: -1n, recordedUntil: Number.NEGATIVE_INFINITY, balance: emptyBalance, account: initialState };

/** What a fold reads of a recorded event (a RecordedEvent, or a row of the projection's tail table). */
export interface FoldedEvent {
  readonly type: string;
  readonly data: unknown;
  readonly revision: number;
  readonly position: { readonly commit: bigint };
  readonly recordedAt: Date;
}

/** One more event folded: the same two folds `accountAsOf` runs (balance projection and account state). */
export function foldEvent(c: Checkpoint, e: FoldedEvent): Checkpoint {
  const event = { type: e.type, data: e.data } as AccountEvent;
  return {
    revision: e.revision,
    position: e.position.commit,
    recordedUntil: Math.max(c.recordedUntil, e.recordedAt.getTime()),
    balance: applyMovement(c.balance, event),
    account: evolve(c.account, event),
  };
}

/** What an as-of answer reads of a lot, and all that `evolve` reads of one to change those fields. */
export type LotForAsOf = Pick<Lot, 'lotId' | 'remaining' | 'pending' | 'earnedAt' | 'expiresAt'>;

/**
 * A lot holding only what an as-of answer depends on: what it reads (what is left and when it expires)
 * and what `evolve` reads to change that (spendable or pending, and its age for repaying a debt). The
 * other fields are left at neutral values: `evolve` never reads them to change the fields kept (it
 * copies them, or sets `reversed` from `retractKeys`), and no as-of answer reads them.
 * account.checkpoint.unit.spec.ts holds `evolve` to that on random histories.
 */
export const lotForAsOf = (l: LotForAsOf): Lot => ({ lotId: l.lotId, points: 0, remaining: l.remaining, expired: 0, pending: l.pending, earnedAt: l.earnedAt, availableAt: l.earnedAt, expiresAt: l.expiresAt, retractKeys: [], reversed: false });

/**
 * The account as an as-of answer needs it: its lots reduced to `lotForAsOf`, its reservations, debt,
 * tier and status; the tables `evolve` writes and never reads (decided sources, retractions,
 * adjustments) empty. Folding on from it gives every as-of answer folding on from the account gives;
 * it is not a state to decide a command on.
 */
export const accountForAsOf = (a: Account): Account => ({
  ...a,
  lots: a.lots.withValues(a.lots.values().map(lotForAsOf)),
  decidedSources: initialState.decidedSources,
  retracted: initialState.retracted,
  adjustments: initialState.adjustments,
});
