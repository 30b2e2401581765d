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

export interface PaymentWanted {
  /** A reservation should exist (the booking was confirmed / the seat taken). */
  readonly open: boolean;
  readonly settle?: { readonly outcome: SettleOutcome; readonly reason: string; readonly refundOwedPercent: number };
}

const NOTHING: PaymentWanted = { open: false };

/**
 * What an interview paid by points asks of the saga: reserve on confirmation, capture on completion,
 * release on a full refund. Points cannot capture part of a reservation, so a partial refund captures
 * and records the percent still owed to the payer (an operator adjustment settles it; see README).
 */
export const interviewPaymentWanted = (i: Interview): PaymentWanted => {
  if (i.payment !== 'points' || !i.confirmed) return NOTHING;
  switch (i.status) {
    case 'completed':
      return { open: true, settle: { outcome: 'capture', reason: 'completed', refundOwedPercent: 0 } };
    case 'cancelled':
    case 'no-show': {
      const refund = i.refundPercent ?? 100;
      if (refund >= 100) return { open: true, settle: { outcome: 'release', reason: i.status, refundOwedPercent: 0 } };
      return { open: true, settle: { outcome: 'capture', reason: i.status, refundOwedPercent: refund } };
    }
    case 'payment-failed':
      return { open: true, settle: { outcome: 'release', reason: 'payment-failed', refundOwedPercent: 0 } };
    default:
      return { open: true };
  }
};

/**
 * A seat paid by points: reserved while an expert holds it, captured once the meeting started (the
 * seat was used or forfeited), released when the registration is cancelled before.
 */
export const seatPaymentWanted = (seat: { holds: boolean; itemId: string | undefined; role: string }, started: boolean, hadPayment: boolean): PaymentWanted => {
  if (!seat.itemId || seat.role !== 'expert') return NOTHING;
  if (seat.holds) return started ? { open: true, settle: { outcome: 'capture', reason: 'meeting-started', refundOwedPercent: 0 } } : { open: true };
  return hadPayment ? { open: true, settle: { outcome: 'release', reason: 'registration-cancelled', refundOwedPercent: 0 } } : NOTHING;
};
