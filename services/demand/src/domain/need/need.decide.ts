import { ForbiddenError, hasVisibleText, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import type { NeedContent, NeedEvent } from './need.events';
import { evolve, initialState, type ExistingNeed, type Need, type NeedStatus } from './need.state';

/** What publishing a need costs, and how long an operator has to review it (well inside the points reservation's 24 h). */
export const NEED_PRICE_ITEM = 'publish-need';
export const NEED_REVIEW_WINDOW_MS = 12 * 3_600_000;

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };
export type NeedCommand =
  | Cmd<'RequestNeed', { needId: string; content: NeedContent }>
  | Cmd<'RecordReservation', { reservationId: string; points: number }>
  | Cmd<'RecordReservationRefused', { code: string }>
  | Cmd<'ApproveNeed', Record<string, never>>
  | Cmd<'RejectNeed', { reason: string }>
  | Cmd<'TimeOutReview', Record<string, never>>
  | Cmd<'RecordCapture', Record<string, never>>
  | Cmd<'RecordCaptureFailed', { code: string }>
  | Cmd<'RecordRelease', Record<string, never>>
  | Cmd<'RecordListing', { demandId: string; deadline: string }>;

export class NeedNotFound extends NotFoundError {
  constructor() {
    super('NEED.NOT_FOUND', 'No such need');
  }
}

const existing = (s: Need): ExistingNeed => {
  if (s.status === 'none') throw new NeedNotFound();
  return s;
};
const requireRole = (by: Principal, roles: readonly Principal['role'][], what: string) => {
  if (!roles.includes(by.role)) throw new ForbiddenError('NEED.FORBIDDEN', `Only ${roles.join(' or ')} may ${what}`);
};
const illegal = (what: string, n: ExistingNeed) => new IllegalStateError('NEED.ILLEGAL_TRANSITION', `Cannot ${what} a need that is ${n.status}`);

/**
 * The saga's decisions. Steps that record an answer from the points service are idempotent (a
 * redelivered answer in the status it led to records nothing), so a resumed saga never records twice.
 */
export const decide = (cmd: NeedCommand, s: Need): NeedEvent[] => {
  const { now, by } = cmd.metadata;
  const at = now.toISOString();
  const only = (n: ExistingNeed, what: string, from: NeedStatus, after: readonly NeedStatus[]): boolean => {
    if (n.status === from) return true;
    if (after.includes(n.status)) return false;
    throw illegal(what, n);
  };
  switch (cmd.type) {
    case 'RequestNeed': {
      requireRole(by, ['expert'], 'publish a need with their points');
      if (s.status !== 'none') throw new IllegalStateError('NEED.ALREADY_EXISTS', `Need ${cmd.data.needId} already exists`);
      const { title, description } = cmd.data.content;
      const problems = [
        ...(hasVisibleText(title.en) || hasVisibleText(title.zh) ? [] : [{ field: 'title', reason: 'needs an "en" or a "zh" text' }]),
        ...(hasVisibleText(description.en) || hasVisibleText(description.zh) ? [] : [{ field: 'description', reason: 'needs an "en" or a "zh" text' }]),
      ];
      if (problems.length > 0) throw new ValidationError('NEED.INVALID', 'The need is invalid', problems);
      const reviewDeadline = new Date(now.getTime() + NEED_REVIEW_WINDOW_MS).toISOString();
      return [{ type: 'NeedRequested', data: { needId: cmd.data.needId, expertId: by.subject, content: cmd.data.content, requestedAt: at, reviewDeadline } }];
    }
    case 'RecordReservation': {
      const n = existing(s);
      if (!only(n, 'record a reservation for', 'reserving', ['in-review', 'capturing', 'listing', 'published', 'releasing', 'rejected', 'timed-out', 'lapsed'])) return [];
      return [{ type: 'NeedPointsReserved', data: { needId: n.needId, reservationId: cmd.data.reservationId, points: cmd.data.points, at } }];
    }
    case 'RecordReservationRefused': {
      const n = existing(s);
      if (!only(n, 'record a refusal for', 'reserving', ['refused'])) return [];
      return [{ type: 'NeedReservationRefused', data: { needId: n.needId, code: cmd.data.code, at } }];
    }
    case 'ApproveNeed': {
      requireRole(by, ['operator'], 'approve a need');
      const n = existing(s);
      if (!only(n, 'approve', 'in-review', ['capturing', 'listing', 'published'])) return [];
      return [{ type: 'NeedApproved', data: { needId: n.needId, approvedBy: by.subject, at } }];
    }
    case 'RejectNeed': {
      requireRole(by, ['operator'], 'reject a need');
      const n = existing(s);
      if (!hasVisibleText(cmd.data.reason)) throw new ValidationError('NEED.REASON_REQUIRED', 'A rejection needs a reason', [{ field: 'reason', reason: 'must not be empty' }]);
      if (!only(n, 'reject', 'in-review', ['releasing', 'rejected'])) return [];
      return [{ type: 'NeedRejected', data: { needId: n.needId, reason: cmd.data.reason.trim(), rejectedBy: by.subject, at } }];
    }
    case 'TimeOutReview': {
      const n = existing(s);
      if (n.status !== 'in-review') return [];
      if (now.getTime() < Date.parse(n.reviewDeadline)) throw new IllegalStateError('NEED.NOT_DUE', `Need ${n.needId} is in review until ${n.reviewDeadline}`);
      return [{ type: 'NeedReviewTimedOut', data: { needId: n.needId, at } }];
    }
    case 'RecordCapture': {
      const n = existing(s);
      if (!only(n, 'record a capture for', 'capturing', ['listing', 'published'])) return [];
      return [{ type: 'NeedPointsCaptured', data: { needId: n.needId, reservationId: n.reservationId!, at } }];
    }
    case 'RecordCaptureFailed': {
      const n = existing(s);
      if (!only(n, 'record a failed capture for', 'capturing', ['lapsed'])) return [];
      return [{ type: 'NeedCaptureFailed', data: { needId: n.needId, reservationId: n.reservationId!, code: cmd.data.code, at } }];
    }
    case 'RecordListing': {
      const n = existing(s);
      if (!only(n, 'record a listing for', 'listing', ['published'])) return [];
      return [{ type: 'NeedListed', data: { needId: n.needId, demandId: cmd.data.demandId, deadline: cmd.data.deadline, at } }];
    }
    case 'RecordRelease': {
      const n = existing(s);
      if (!only(n, 'record a release for', 'releasing', ['rejected', 'timed-out'])) return [];
      return [{ type: 'NeedPointsReleased', data: { needId: n.needId, reservationId: n.reservationId!, at } }];
    }
  }
};

export const needDecider = { decide, evolve, initialState };
export const needStream = (needId: string): string => `need-${needId}`;
/** Idempotency keys of the saga's calls to the points service: one per step and need, stable across crashes. */
export const needStepKey = (needId: string, step: 'reserve' | 'capture' | 'release'): string => `need-${needId}:${step}`;
