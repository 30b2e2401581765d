import type { MeetingKind } from '@hope/contracts';
import type { SettleOutcome } from '../payment/points-payment.events';
import type { Interview } from '../interview/interview.state';

/**
 * Which points-catalogue item pays for what (ids of the points service's catalogue v1). An exchange
 * meeting is free; the other kinds cost an expert a seat item.
 */
export const INTERVIEW_ITEM = 'expert-interview';
export const SEAT_ITEMS: Readonly<Record<MeetingKind, string | undefined>> = {
  'exchange-meeting': undefined,
  'matchmaking-meeting': 'matchmaking-meeting-seat',
  'technical-seminar': 'technical-seminar-seat',
  'innovation-tour': 'innovation-tour',
};

// The hold arithmetic lives below the interview state (it needs it too); re-exported for the policy's readers.
export { POINTS_HOLD, holdUntilOf, latestEndWithinHold, latestPointsCallEnd, pointsHoldFor } from './points-hold';

/** Points accounts: an expert's own (`<subject>`), an organisation's `org:<organisationId>` (points' convention). */
export const orgPointsAccount = (organisationId: string): string => `org:${organisationId}`;
/** Points' account id shape (services/points `EXPERT_ID_PATTERN`): an organisation id outside it cannot hold points. */
export const POINTS_ACCOUNT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Who pays for an interview by points: an expert booking a peer from their own account, an enterprise from its organisation's. */
export const interviewPayer = (i: Pick<Interview, 'requesterRole' | 'requestedBy' | 'organisationId'>): string =>
  i.requesterRole === 'expert' ? i.requestedBy : orgPointsAccount(i.organisationId);

/**
 * How much of a reservation is spent when `capturePercent` of the price is due: rounded down, so the
 * payer never pays a fraction of a point more than the policy says (the refund is rounded up). 0 means
 * nothing is due: the reservation is released instead.
 */
export const pointsToCapture = (reserved: number, capturePercent: number): number => Math.floor((reserved * capturePercent) / 100);

export interface Settlement {
  readonly outcome: SettleOutcome;
  readonly reason: string;
  /** Percent of the reserved points to spend (100: all; a partial refund spends the rest); release: 0. */
  readonly capturePercent: number;
}

export interface PaymentWanted {
  /** A reservation should exist (the booking was confirmed / the seat taken). */
  readonly open: boolean;
  readonly settle?: Settlement;
}

const NOTHING: PaymentWanted = { open: false };
const release = (reason: string): PaymentWanted => ({ open: true, settle: { outcome: 'release', reason, capturePercent: 0 } });
const capture = (reason: string, capturePercent = 100): PaymentWanted => ({ open: true, settle: { outcome: 'capture', reason, capturePercent } });

/**
 * What an interview paid by points asks of the saga: reserve on confirmation, capture on completion,
 * release on a full refund, and on a partial refund capture the share the payer owes (points captures
 * that many and releases the rest in one decision).
 */
export const interviewPaymentWanted = (i: Interview): PaymentWanted => {
  if (i.payment !== 'points' || !i.confirmed) return NOTHING;
  switch (i.status) {
    case 'completed':
      return capture('completed');
    case 'cancelled':
    case 'no-show': {
      const refund = Math.min(100, Math.max(0, i.refundPercent ?? 100));
      return refund >= 100 ? release(i.status) : capture(i.status, 100 - refund);
    }
    case 'payment-failed':
      return release('payment-failed');
    default:
      return { open: true };
  }
};

/**
 * A seat paid by points: reserved while an expert holds it, captured once the meeting started (the
 * seat was used or forfeited), released when the registration is cancelled before. No partial refunds.
 */
export const seatPaymentWanted = (seat: { holds: boolean; itemId: string | undefined; role: string }, started: boolean, hadPayment: boolean): PaymentWanted => {
  if (!seat.itemId || seat.role !== 'expert') return NOTHING;
  if (seat.holds) return started ? capture('meeting-started') : { open: true };
  return hadPayment ? release('registration-cancelled') : NOTHING;
};
