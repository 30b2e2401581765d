import type { Principal } from '@hope/kernel';
import { assertOwnAccount } from './account-access';
import type { AccountHandler, Now, QuotaHandler } from './handlers';
import { releaseQuota } from './quota-claims';
import { balanceOf } from './redemption-answers';

export interface ReleaseReservationDeps {
  readonly accounts: AccountHandler;
  readonly itemQuotas: QuotaHandler;
  readonly clock: Now;
}

export interface ReleaseReservation {
  readonly who: Principal;
  readonly expertId: string;
  readonly reservationId: string;
  /** What a service or operator says happened; an expert or enterprise member always cancels. */
  readonly reason?: 'fulfilment-failed' | 'cancelled';
}

/** Give the reserved points back (fulfilment failed, or the expert cancelled), and the item's slot. Repeating it is a no-op. */
export async function releaseReservation(deps: ReleaseReservationDeps, input: ReleaseReservation) {
  const { who, expertId, reservationId } = input;
  assertOwnAccount(who, expertId);
  const reason = who.role === 'expert' || who.role === 'enterprise' ? 'cancelled' : (input.reason ?? 'fulfilment-failed');
  const result = await deps.accounts.handle(
    expertId,
    { type: 'ReleaseReservation', data: { expertId, reservationId, reason, by: who.subject, byRole: who.role }, metadata: { now: deps.clock.now() } },
    { commandId: reservationId },
    // Answered from the account's state: the next read waits for the read models, this answer does not.
    { wait: 'next-read' },
  );
  const r = result.state.reservations.get(reservationId)!;
  // A no-op for items without a total limit (no claim was taken).
  await releaseQuota(deps.itemQuotas, r.itemId, reservationId, deps.clock.now());
  return { reservationId, status: r.status, balance: balanceOf(result.state) };
}
