import type { Principal } from '@hope/kernel';
import type { AccountHandler, Now } from './handlers';
import { balanceOf } from './redemption-answers';

export interface CaptureReservationDeps {
  readonly accounts: AccountHandler;
  readonly clock: Now;
}

export interface CaptureReservation {
  readonly who: Principal;
  readonly expertId: string;
  readonly reservationId: string;
  /** Capture only this many of the reserved points (the rest is released); absent: all. */
  readonly points?: number;
}

/** The fulfilling service confirms: the reserved points (or some of them) are spent. Repeating it is a no-op. */
export async function captureReservation(deps: CaptureReservationDeps, input: CaptureReservation) {
  const { expertId, reservationId, points } = input;
  const result = await deps.accounts.handle(
    expertId,
    { type: 'CaptureReservation', data: { expertId, reservationId, by: input.who.subject, byRole: input.who.role, ...(points !== undefined ? { points } : {}) }, metadata: { now: deps.clock.now() } },
    { commandId: reservationId },
    // Answered from the account's state: the next read waits for the read models, this answer does not.
    { wait: 'next-read' },
  );
  const r = result.state.reservations.get(reservationId)!;
  const captured = r.captured ?? r.points;
  return { reservationId, status: r.status, captured, released: r.points - captured, balance: balanceOf(result.state) };
}
