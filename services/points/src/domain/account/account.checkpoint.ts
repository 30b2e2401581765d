import { applyMovement, emptyBalance, type Balance } from './account.balance';
import type { AccountEvent } from './account.events';
import { evolve, initialState, type Account } from './account.state';

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
