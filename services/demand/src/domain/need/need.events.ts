import type { LocalizedText } from '../demand/demand.content';

/** What an expert asks the community, paid with points (the `publish-need` catalogue item). */
export interface NeedContent {
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly domain: string;
  readonly keywords: readonly string[];
}

/**
 * The steps of the publish-a-need saga (stream `need-<id>`). Every call to the points service is
 * preceded by the event that asks for it and followed by the event that records its answer, so after
 * a crash the status says which call to (re)make; the calls are idempotent on keys derived from the id.
 */
export type NeedEvent =
  | { type: 'NeedRequested'; data: { needId: string; expertId: string; content: NeedContent; requestedAt: string; reviewDeadline: string } }
  | { type: 'NeedPointsReserved'; data: { needId: string; reservationId: string; points: number; at: string } }
  | { type: 'NeedReservationRefused'; data: { needId: string; code: string; at: string } }
  | { type: 'NeedApproved'; data: { needId: string; approvedBy: string; at: string } }
  | { type: 'NeedRejected'; data: { needId: string; reason: string; rejectedBy: string; at: string } }
  | { type: 'NeedReviewTimedOut'; data: { needId: string; at: string } }
  | { type: 'NeedPointsCaptured'; data: { needId: string; reservationId: string; at: string } }
  | { type: 'NeedCaptureFailed'; data: { needId: string; reservationId: string; code: string; at: string } }
  | { type: 'NeedPointsReleased'; data: { needId: string; reservationId: string; at: string } }
  /** The paid need is in the catalogue as demand `demandId` (= the need id): answerable like any demand. */
  | { type: 'NeedListed'; data: { needId: string; demandId: string; deadline: string; at: string } };
