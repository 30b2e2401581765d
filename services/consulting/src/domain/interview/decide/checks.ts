import { IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import { isAvailable } from '../../availability/availability';
import { INTERVIEW_RULES } from '../../rules/interview-policy';
import { POINTS_HOLD, latestEndWithinHold, latestPointsCallEnd } from '../../rules/points-hold';
import type { InterviewCommand } from '../interview.commands';
import type { InterviewEvent, Party, Slot } from '../interview.events';
import { HOLDS_SLOT, allInterviews, interviewOf, type Calendar, type Interview, type InterviewStatus } from '../interview.state';

/** The checks and derivations the per-command decide functions share. */
export type CommandOf<T extends InterviewCommand['type']> = Extract<InterviewCommand, { type: T }>;

const MINUTE = 60_000;

export const OPEN: readonly InterviewStatus[] = ['requested', 'counter-proposed'];
export const BEFORE_CALL: readonly InterviewStatus[] = ['requested', 'counter-proposed', 'accepted'];

export const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

export const find = (s: Calendar, id: string): Interview => {
  const i = interviewOf(s, id);
  if (!i) throw new NotFoundError('INTERVIEW.NOT_FOUND', `No interview ${id}`);
  return i;
};

export const requireStatus = (i: Interview, allowed: readonly InterviewStatus[], action: string): void => {
  if (!allowed.includes(i.status)) throw new IllegalStateError('INTERVIEW.WRONG_STATUS', `Cannot ${action} an interview that is ${i.status}`);
};

export const isExpert = (i: Interview, a: Principal) => a.role === 'expert' && a.subject === i.expertId;
/** The requesting side ("enterprise" party): the organisation, or the expert who booked a peer. */
export const isEnterprise = (i: Interview, a: Principal) =>
  i.requesterRole === 'expert' ? a.role === 'expert' && a.subject === i.requestedBy : a.role === 'enterprise' && a.organisationId === i.organisationId;
export const partyOf = (i: Interview, a: Principal): Party | undefined => (isExpert(i, a) ? 'expert' : isEnterprise(i, a) ? 'enterprise' : undefined);

export const checkAvailable = (s: Calendar, slot: Slot, field: string): void => {
  if (!isAvailable(s.availability, Date.parse(slot.start), Date.parse(slot.end))) {
    throw new ValidationError('INTERVIEW.OUTSIDE_AVAILABILITY', `${slot.start} to ${slot.end} is outside the expert's availability (${s.availability!.timeZone})`, [
      { field, reason: "must lie within the expert's published availability" },
    ]);
  }
};

/** Parses, normalises and checks proposed start times: 1-3, distinct, in the future. */
export const checkSlots = (slots: readonly string[], now: Date, field = 'slots'): string[] => {
  if (slots.length < 1 || slots.length > INTERVIEW_RULES.maxProposedSlots) invalid(field, `must hold 1 to ${INTERVIEW_RULES.maxProposedSlots} start times`);
  const normalised = slots.map((raw, n) => {
    const t = new Date(raw);
    if (Number.isNaN(t.getTime())) invalid(`${field}.${n}`, 'must be an ISO 8601 date-time');
    if (t.getTime() <= now.getTime()) invalid(`${field}.${n}`, 'must be in the future');
    return t.toISOString();
  });
  if (new Set(normalised).size !== normalised.length) invalid(field, 'must not repeat a start time');
  return normalised;
};

export const slotAt = (start: string, minutes: number): Slot => ({ start, end: new Date(new Date(start).getTime() + minutes * MINUTE).toISOString() });

/** No double booking: every held slot of this expert (other than `self`) must not overlap. */
export const checkFree = (s: Calendar, slot: Slot, self: string): void => {
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  for (const other of allInterviews(s)) {
    if (other.interviewId === self || !other.slot || !HOLDS_SLOT.includes(other.status)) continue;
    if (Date.parse(other.slot.start) < end && start < Date.parse(other.slot.end)) {
      throw new IllegalStateError('INTERVIEW.SLOT_TAKEN', `The expert already has a call from ${other.slot.start} to ${other.slot.end}`);
    }
  }
};

/**
 * A call paid by points is held by points until its end plus the completion margin, and points holds at
 * most 180 days: agreeing a slot (the step that leads to confirmation) further ahead is refused. Time only
 * moves the limit later, so a slot agreed within it is still within it when the gate confirms the call.
 */
export const checkPointsHold = (i: Interview, slot: Slot, now: Date, field: string): void => {
  if (i.payment !== 'points') return;
  const latest = latestPointsCallEnd(now);
  if (Date.parse(slot.end) > latest.getTime()) {
    throw new ValidationError(
      'INTERVIEW.BEYOND_POINTS_HOLD',
      `A call paid by points must end by ${latest.toISOString()}: points holds a reservation at most ${POINTS_HOLD.maxHoldDays} days, until ${POINTS_HOLD.completionMarginHours} h after the call`,
      [{ field, reason: `a call paid by points must end within ${POINTS_HOLD.maxHoldDays} days minus ${POINTS_HOLD.completionMarginHours} h from now` }],
    );
  }
};

/**
 * Points already holds a confirmed call's reservation until a fixed instant (the end at confirmation
 * plus the completion margin). A move must leave at least a day of that margin after the new end, or
 * the reservation could lapse before completion is recorded; moving further means cancel and book again.
 */
export const checkWithinHeldReservation = (i: Interview, slot: Slot): void => {
  if (!i.pointsHeldUntil) return;
  const latestEnd = latestEndWithinHold(i.pointsHeldUntil);
  if (Date.parse(slot.end) > latestEnd.getTime()) {
    throw new IllegalStateError(
      'INTERVIEW.RESCHEDULE_BEYOND_POINTS_HOLD',
      `This call's points are held until ${i.pointsHeldUntil}: it can be moved to end by ${latestEnd.toISOString()} at the latest; to move it further, cancel it and book again`,
    );
  }
};

const gatePassed = (i: Interview) => i.attestationPassed === true && i.conflictCheckPassed === true;

/**
 * The conflict check is asked of matching last, when it is all that stands between an agreed slot
 * and confirmation, so the answer is as fresh as the confirmation it allows.
 */
export const awaitsConflictCheck = (i: Interview): boolean => i.status === 'accepted' && i.attestationPassed === true && i.conflictCheckPassed === undefined;

/** After a gate event: a failed check ends the call; a completed gate on an agreed slot confirms it. */
export const afterGate = (i: Interview, at: string): InterviewEvent[] => {
  if (i.attestationPassed === false) return [{ type: 'ComplianceGateFailed', data: { interviewId: i.interviewId, reason: 'attestation', at } }];
  if (i.conflictCheckPassed === false) return [{ type: 'ComplianceGateFailed', data: { interviewId: i.interviewId, reason: 'conflict-check', at } }];
  if (i.status === 'accepted' && gatePassed(i) && i.slot) return [{ type: 'InterviewConfirmed', data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, ...i.slot, at } }];
  return [];
};

/** An expert booking a peer has no organisation; their bookings are filed under this pseudo-tenant. */
export const expertRequesterOrganisation = (subject: string): string => `expert:${subject}`;
