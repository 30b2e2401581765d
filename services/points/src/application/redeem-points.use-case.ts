import { deterministicUuid, ValidationError, type Principal } from '@hope/kernel';
import { ItemUnavailable } from '../domain/account/account.errors';
import { findItem, type CatalogueItem } from '../domain/catalogue/redemption-catalogue';
import type { RulebookQueries } from '../projections/rulebook/rulebook.queries';
import { assertOwnAccount } from './account-access';
import type { AccountHandler, Now, QuotaHandler } from './handlers';
import { claimQuota, releaseQuota } from './quota-claims';
import { balanceOf } from './redemption-answers';

export const MAX_HOLD_DAYS = 180;

export interface RedeemPointsDeps {
  readonly accounts: AccountHandler;
  readonly itemQuotas: QuotaHandler;
  readonly rules: RulebookQueries;
  readonly clock: Now;
  /** A fresh reservation id when the caller sent no Idempotency-Key. */
  readonly newId: () => string;
}

export interface RedeemPoints {
  readonly who: Principal;
  readonly expertId: string;
  readonly itemId: string;
  readonly holdUntil?: string;
  /** The request's Idempotency-Key: the reservation id follows from it. */
  readonly idempotencyKey?: string;
}

/** When an open reservation lapses: the caller's hold (validated) or the catalogue's timeout. */
function timeoutOf(holdUntil: string | undefined, now: Date, timeoutMinutes: number): Date {
  if (holdUntil === undefined) return new Date(now.getTime() + timeoutMinutes * 60_000);
  const until = new Date(holdUntil);
  const reason = until.getTime() <= now.getTime() ? 'must be in the future' : until.getTime() > now.getTime() + MAX_HOLD_DAYS * 86_400_000 ? `must be at most ${MAX_HOLD_DAYS} days ahead` : undefined;
  if (reason) throw new ValidationError('POINTS.INVALID_HOLD', `holdUntil ${reason}`, [{ field: 'holdUntil', reason }]);
  return until;
}

/**
 * Spending's first saga step: reserve an item's price on the account (oldest lots first) until the
 * fulfilling service captures or releases it. An item with a total limit takes a slot of its quota
 * first, and gives it back if the account refuses.
 */
export async function redeemPoints(deps: RedeemPointsDeps, input: RedeemPoints) {
  const { who, expertId, idempotencyKey: key } = input;
  assertOwnAccount(who, expertId);
  // Write decision from a read model: the catalogue in force (price, limits, timeout) is the rulebook projection's.
  const catalogue = deps.rules.catalogue();
  const item = findItem(catalogue, input.itemId);
  if (!item) throw new ValidationError('POINTS.UNKNOWN_ITEM', `No catalogue item ${input.itemId}`, [{ field: 'itemId', reason: `must be one of ${catalogue.items.map((i) => i.id).join(', ')}` }]);
  // With a key, the reservation id follows from it: even a retry after the key's record expired reserves nothing twice.
  const reservationId = key ? deterministicUuid('points.redemption', who.subject, expertId, key) : deps.newId();
  const now = deps.clock.now();
  const timeoutAt = await timeoutFor(deps, input, reservationId, now, catalogue.reservationTimeoutMinutes);
  await claimItemSlot(deps, item, reservationId, now);
  try {
    // Answered from the account's state, so the read models need not include it yet: the next read waits for them.
    const result = await deps.accounts.handle(
      expertId,
      { type: 'ReservePoints', data: { expertId, reservationId, item, timeoutAt, requestedBy: who.subject, requesterRole: who.role }, metadata: { now } },
      { commandId: reservationId },
      { wait: 'next-read' },
    );
    const r = result.state.reservations.get(reservationId)!;
    return { reservationId, itemId: item.id, points: r.points, status: r.status, timeoutAt: r.timeoutAt, balance: balanceOf(result.state) };
  } catch (error) {
    // Compensation: the account refused (or failed), so the slot goes back to the item's quota.
    if (item.totalLimit !== undefined) await releaseQuota(deps.itemQuotas, item.id, reservationId, now);
    throw error;
  }
}

/**
 * The hold asked for, checked, or the catalogue's timeout. A retry of a reservation already made answers
 * it as it is: its hold was checked when it was made and may have passed since, so a refused hold with a
 * key first asks the account (its own state, read only on this rare path) whether the reservation exists.
 */
async function timeoutFor(deps: RedeemPointsDeps, input: RedeemPoints, reservationId: string, now: Date, timeoutMinutes: number): Promise<Date> {
  try {
    return timeoutOf(input.holdUntil, now, timeoutMinutes);
  } catch (error) {
    if (input.idempotencyKey === undefined || !(await deps.accounts.load(input.expertId)).reservations.has(reservationId)) throw error;
    return timeoutOf(undefined, now, timeoutMinutes);
  }
}

/** An item with a total limit takes a slot of its quota (claim id = reservation id: a retry takes none more). */
async function claimItemSlot(deps: RedeemPointsDeps, item: CatalogueItem, reservationId: string, now: Date): Promise<void> {
  if (item.totalLimit === undefined) return;
  if (!(await claimQuota(deps.itemQuotas, item.id, { claimId: reservationId, amount: 1, limit: item.totalLimit }, now))) {
    throw new ItemUnavailable(item.id, `all ${item.totalLimit} have been redeemed`);
  }
}
