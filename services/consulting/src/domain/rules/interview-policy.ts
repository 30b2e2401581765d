import type { CancelledBy, Party } from '../interview/interview.events';
import type { InterviewStatus } from '../interview/interview.state';

/** The interview rules of issue 6 as data, so the README, the specs and the decider agree. */
export const INTERVIEW_RULES = {
  minMinutes: 30,
  maxMinutes: 120,
  maxProposedSlots: 3,
  /** An unanswered request (or counter-proposal) expires after this. */
  answerWithinHours: 72,
  /** A confirmed call may be moved up to this long before it starts, at most `maxReschedules` times. */
  rescheduleNoticeHours: 24,
  maxReschedules: 2,
  /** Upper bound on a recorded actual length: a call may overrun, not by hours. */
  maxActualMinutes: 240,
} as const;

const HOUR = 3_600_000;

/**
 * What a cancellation gives back to the payer, in percent of the price (the rest is captured for the
 * expert). Before confirmation nothing was reserved, so everything is released. An expert or operator
 * cancelling never costs the enterprise; the enterprise pays for late notice because the expert kept
 * the slot free: 48 h or more -> all back, 24-48 h -> half, under 24 h -> nothing.
 */
export const cancellationRefundPercent = (by: CancelledBy, status: InterviewStatus, slotStart: string | undefined, now: Date): number => {
  if (status !== 'confirmed' || slotStart === undefined) return 100;
  if (by !== 'enterprise') return 100;
  const hoursBefore = (new Date(slotStart).getTime() - now.getTime()) / HOUR;
  if (hoursBefore >= 48) return 100;
  if (hoursBefore >= 24) return 50;
  return 0;
};

/** An absent expert refunds the enterprise in full; an absent enterprise pays in full. */
export const noShowRefundPercent = (absent: Party): number => (absent === 'expert' ? 100 : 0);

export const expiryOf = (from: Date): string => new Date(from.getTime() + INTERVIEW_RULES.answerWithinHours * HOUR).toISOString();

export const canStillReschedule = (slotStart: string, now: Date): boolean => new Date(slotStart).getTime() - now.getTime() >= INTERVIEW_RULES.rescheduleNoticeHours * HOUR;
