import type { NeedContent, NeedEvent } from './need.events';

/**
 * reserving -> in-review -> capturing -> listing -> published
 *           \-> refused   \-> releasing -> rejected | timed-out
 *                          capturing -> lapsed (the points service had already released the reservation)
 * `listing`: paid, its demand not yet recorded. Needs captured before needs became demands fold to
 * `listing` too, so the saga job lists them (ADR 0024).
 */
export type NeedStatus = 'reserving' | 'refused' | 'in-review' | 'capturing' | 'listing' | 'published' | 'releasing' | 'rejected' | 'timed-out' | 'lapsed';

export type Need =
  | { readonly status: 'none' }
  | {
      readonly status: NeedStatus;
      readonly needId: string;
      readonly expertId: string;
      readonly content: NeedContent;
      readonly requestedAt: string;
      readonly reviewDeadline: string;
      readonly reservationId?: string;
      readonly points?: number;
      /** Why it ends without publication (refusal code, rejection reason, timeout). */
      readonly outcome?: { readonly kind: 'refused' | 'rejected' | 'timed-out' | 'lapsed'; readonly reason: string; readonly at: string };
      readonly approvedBy?: string;
      /** When the points were captured. */
      readonly publishedAt?: string;
      /** The demand it is listed as (its id is the need id), once listed. */
      readonly demandId?: string;
    };

export type ExistingNeed = Exclude<Need, { status: 'none' }>;
export const initialState: Need = { status: 'none' };

export const evolve = (s: Need, e: NeedEvent): Need => {
  if (e.type === 'NeedRequested') {
    const { needId, expertId, content, requestedAt, reviewDeadline } = e.data;
    return { status: 'reserving', needId, expertId, content, requestedAt, reviewDeadline };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'NeedPointsReserved':
      return { ...s, status: 'in-review', reservationId: e.data.reservationId, points: e.data.points };
    case 'NeedReservationRefused':
      return { ...s, status: 'refused', outcome: { kind: 'refused', reason: e.data.code, at: e.data.at } };
    case 'NeedApproved':
      return { ...s, status: 'capturing', approvedBy: e.data.approvedBy };
    case 'NeedRejected':
      return { ...s, status: 'releasing', outcome: { kind: 'rejected', reason: e.data.reason, at: e.data.at } };
    case 'NeedReviewTimedOut':
      return { ...s, status: 'releasing', outcome: { kind: 'timed-out', reason: 'no review before the deadline', at: e.data.at } };
    case 'NeedPointsCaptured':
      return { ...s, status: 'listing', publishedAt: e.data.at };
    case 'NeedListed':
      return { ...s, status: 'published', demandId: e.data.demandId };
    case 'NeedCaptureFailed':
      return { ...s, status: 'lapsed', outcome: { kind: 'lapsed', reason: e.data.code, at: e.data.at } };
    case 'NeedPointsReleased':
      return { ...s, status: s.outcome?.kind === 'timed-out' ? 'timed-out' : 'rejected' };
    default:
      return s;
  }
};
