import { IllegalStateError, NotFoundError, ValidationError } from '@hope/platform/errors';
import { checkAvailability, isAvailable } from '../availability/availability';
import { forbid, isStaff, type Actor } from '../shared/actor';
import { INTERVIEW_RULES, canStillReschedule, cancellationRefundPercent, expiryOf, noShowRefundPercent } from '../rules/interview-policy';
import { POINTS_ACCOUNT_PATTERN, POINTS_HOLD, latestEndWithinHold, latestPointsCallEnd, orgPointsAccount } from '../rules/payment-policy';
import type { InterviewCommand } from './interview.commands';
import type { CancelledBy, InterviewEvent, Party, Slot } from './interview.events';
import { HOLDS_SLOT, allInterviews, evolve, initialState, interviewOf, type Calendar, type Interview, type InterviewStatus } from './interview.state';

const MINUTE = 60_000;

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

const find = (s: Calendar, id: string): Interview => {
  const i = interviewOf(s, id);
  if (!i) throw new NotFoundError('INTERVIEW.NOT_FOUND', `No interview ${id}`);
  return i;
};

const requireStatus = (i: Interview, allowed: readonly InterviewStatus[], action: string): void => {
  if (!allowed.includes(i.status)) throw new IllegalStateError('INTERVIEW.WRONG_STATUS', `Cannot ${action} an interview that is ${i.status}`);
};

const isExpert = (i: Interview, a: Actor) => a.role === 'expert' && a.subject === i.expertId;
/** The requesting side ("enterprise" party): the organisation, or the expert who booked a peer. */
const isEnterprise = (i: Interview, a: Actor) =>
  i.requesterRole === 'expert' ? a.role === 'expert' && a.subject === i.requestedBy : a.role === 'enterprise' && a.organisationId === i.organisationId;

/** An expert booking a peer has no organisation; their bookings are filed under this pseudo-tenant. */
export const expertRequesterOrganisation = (subject: string): string => `expert:${subject}`;

const checkAvailable = (s: Calendar, slot: Slot, field: string): void => {
  if (!isAvailable(s.availability, Date.parse(slot.start), Date.parse(slot.end))) {
    throw new ValidationError('INTERVIEW.OUTSIDE_AVAILABILITY', `${slot.start} to ${slot.end} is outside the expert's availability (${s.availability!.timeZone})`, [
      { field, reason: "must lie within the expert's published availability" },
    ]);
  }
};
const partyOf = (i: Interview, a: Actor): Party | undefined => (isExpert(i, a) ? 'expert' : isEnterprise(i, a) ? 'enterprise' : undefined);

/** Parses, normalises and checks proposed start times: 1-3, distinct, in the future. */
const checkSlots = (slots: readonly string[], now: Date, field = 'slots'): string[] => {
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

const slotAt = (start: string, minutes: number): Slot => ({ start, end: new Date(new Date(start).getTime() + minutes * MINUTE).toISOString() });

/** No double booking: every held slot of this expert (other than `self`) must not overlap. */
const checkFree = (s: Calendar, slot: Slot, self: string): void => {
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
const checkPointsHold = (i: Interview, slot: Slot, now: Date, field: string): void => {
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
const checkWithinHeldReservation = (i: Interview, slot: Slot): void => {
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
const afterGate = (i: Interview, at: string): InterviewEvent[] => {
  if (i.attestationPassed === false) return [{ type: 'ComplianceGateFailed', data: { interviewId: i.interviewId, reason: 'attestation', at } }];
  if (i.conflictCheckPassed === false) return [{ type: 'ComplianceGateFailed', data: { interviewId: i.interviewId, reason: 'conflict-check', at } }];
  if (i.status === 'accepted' && gatePassed(i) && i.slot) return [{ type: 'InterviewConfirmed', data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, ...i.slot, at } }];
  return [];
};

const OPEN: readonly InterviewStatus[] = ['requested', 'counter-proposed'];
const BEFORE_CALL: readonly InterviewStatus[] = ['requested', 'counter-proposed', 'accepted'];

export const decide = (cmd: InterviewCommand, s: Calendar): InterviewEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const now = cmd.metadata.now;
  if (cmd.type === 'RequestInterview') {
    const d = cmd.data;
    const byExpert = cmd.actor.role === 'expert';
    if (byExpert ? d.payment !== 'points' : cmd.actor.role !== 'enterprise' || !cmd.actor.organisationId) {
      forbid('request an interview (enterprises; experts paying with their points)');
    }
    if (byExpert && cmd.actor.subject === d.expertId) invalid('expertId', 'must be another expert');
    // An enterprise pays by points from its organisation's account, which points names `org:<organisationId>`.
    if (!byExpert && d.payment === 'points' && !POINTS_ACCOUNT_PATTERN.test(orgPointsAccount(cmd.actor.organisationId!))) {
      invalid('payment', 'this organisation id cannot hold a points account; pay by contract');
    }
    if (interviewOf(s, d.interviewId)) throw new IllegalStateError('INTERVIEW.ALREADY_EXISTS', `Interview ${d.interviewId} already exists`);
    if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < INTERVIEW_RULES.minMinutes || d.durationMinutes > INTERVIEW_RULES.maxMinutes) {
      invalid('durationMinutes', `must be a whole number of minutes from ${INTERVIEW_RULES.minMinutes} to ${INTERVIEW_RULES.maxMinutes}`);
    }
    const slots = checkSlots(d.slots, now);
    slots.forEach((start, n) => checkAvailable(s, slotAt(start, d.durationMinutes), `slots.${n}`));
    const organisationId = byExpert ? expertRequesterOrganisation(cmd.actor.subject) : cmd.actor.organisationId!;
    return [
      {
        type: 'InterviewRequested',
        data: { ...d, slots, organisationId, requestedBy: cmd.actor.subject, requesterRole: byExpert ? 'expert' : 'enterprise', requestedAt: at, expiresAt: expiryOf(now) },
      },
    ];
  }
  if (cmd.type === 'PublishAvailability') {
    const d = cmd.data;
    if (!(cmd.actor.role === 'expert' && cmd.actor.subject === d.expertId) && !isStaff(cmd.actor)) forbid('publish availability (the expert, or an operator)');
    checkAvailability(d);
    return [{ type: 'AvailabilityPublished', data: { expertId: d.expertId, timeZone: d.timeZone, weekly: [...d.weekly], exceptions: [...d.exceptions], at } }];
  }

  const i = find(s, cmd.data.interviewId);
  const id = i.interviewId;
  switch (cmd.type) {
    case 'AcceptInterview': {
      requireStatus(i, OPEN, 'accept');
      // The side that did not make the proposal on the table answers it.
      if (i.status === 'requested' ? !isExpert(i, cmd.actor) : !isEnterprise(i, cmd.actor)) forbid('accept this proposal (the other side answers it)');
      if (now.getTime() >= Date.parse(i.expiresAt)) throw new IllegalStateError('INTERVIEW.EXPIRED', `The request expired at ${i.expiresAt}`);
      const start = new Date(cmd.data.start);
      if (Number.isNaN(start.getTime()) || !i.proposedSlots.includes(start.toISOString())) invalid('start', 'must be one of the proposed slots');
      if (start.getTime() <= now.getTime()) invalid('start', 'must be in the future');
      const slot = slotAt(start.toISOString(), i.durationMinutes);
      checkPointsHold(i, slot, now, 'start');
      checkFree(s, slot, id);
      const accepted: InterviewEvent = { type: 'InterviewAccepted', data: { interviewId: id, ...slot, acceptedBy: i.status === 'requested' ? 'expert' : 'enterprise', at } };
      return [accepted, ...afterGate(interviewOf(evolve(s, accepted), id)!, at)];
    }
    case 'CounterProposeInterview': {
      requireStatus(i, ['requested'], 'counter-propose');
      if (!isExpert(i, cmd.actor)) forbid('counter-propose (the expert answers a request)');
      if (now.getTime() >= Date.parse(i.expiresAt)) throw new IllegalStateError('INTERVIEW.EXPIRED', `The request expired at ${i.expiresAt}`);
      return [{ type: 'InterviewCounterProposed', data: { interviewId: id, slots: checkSlots(cmd.data.slots, now), at, expiresAt: expiryOf(now) } }];
    }
    case 'DeclineInterview':
      requireStatus(i, ['requested'], 'decline');
      if (!isExpert(i, cmd.actor)) forbid('decline (the expert answers a request)');
      return [{ type: 'InterviewDeclined', data: { interviewId: id, ...(cmd.data.reason ? { reason: cmd.data.reason } : {}), at } }];
    case 'ExpireInterview':
      // The job may run late, twice, or race an answer: only a still-open, overdue request expires.
      if (!OPEN.includes(i.status) || now.getTime() < Date.parse(i.expiresAt)) return [];
      return [{ type: 'InterviewExpired', data: { interviewId: id, at } }];
    case 'RecordAttestation': {
      requireStatus(i, BEFORE_CALL, 'attest for');
      if (!isExpert(i, cmd.actor)) forbid('attest (the expert attests for their own call)');
      if (i.attestationPassed !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_ATTESTED', 'The expert already attested for this call');
      const { noConfidentialInformation, noConflictOfInterest } = cmd.data;
      const recorded: InterviewEvent = { type: 'ExpertAttestationRecorded', data: { interviewId: id, noConfidentialInformation, noConflictOfInterest, passed: noConfidentialInformation && noConflictOfInterest, at } };
      return [recorded, ...afterGate(interviewOf(evolve(s, recorded), id)!, at)];
    }
    case 'RecordConflictCheck': {
      requireStatus(i, BEFORE_CALL, 'check conflicts for');
      // Only the gate records matching's answer: no caller (operator included) can claim a call is cleared.
      if (cmd.actor.role !== 'service') forbid("record a conflict check (the gate records matching's answer)");
      if (i.conflictCheckPassed !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_CHECKED', 'A conflict check is already recorded for this call');
      const reasons = cmd.data.reasons.map((r) => ({ code: r.code, detail: r.detail }));
      // A check that did not clear always says why; "not cleared" with no reason would be unauditable.
      if (!cmd.data.passed && reasons.length === 0) invalid('reasons', 'must name why the expert was not cleared');
      const recorded: InterviewEvent = { type: 'ConflictCheckRecorded', data: { interviewId: id, passed: cmd.data.passed, checkedBy: cmd.actor.subject, reasons, at } };
      return [recorded, ...afterGate(interviewOf(evolve(s, recorded), id)!, at)];
    }
    case 'RescheduleInterview': {
      requireStatus(i, ['accepted', 'confirmed'], 'reschedule');
      const by = partyOf(i, cmd.actor) ?? forbid('reschedule');
      if (i.reschedules >= INTERVIEW_RULES.maxReschedules) throw new IllegalStateError('INTERVIEW.TOO_MANY_RESCHEDULES', `A call may be moved at most ${INTERVIEW_RULES.maxReschedules} times`);
      if (!canStillReschedule(i.slot!.start, now)) throw new IllegalStateError('INTERVIEW.TOO_LATE_TO_RESCHEDULE', `A call may be moved up to ${INTERVIEW_RULES.rescheduleNoticeHours} h before it starts`);
      const [start] = checkSlots([cmd.data.start], now, 'start');
      const slot = slotAt(start!, i.durationMinutes);
      checkAvailable(s, slot, 'start');
      checkPointsHold(i, slot, now, 'start');
      checkWithinHeldReservation(i, slot);
      checkFree(s, slot, id);
      return [{ type: 'InterviewRescheduled', data: { interviewId: id, ...slot, by, at } }];
    }
    case 'CancelInterview': {
      requireStatus(i, [...BEFORE_CALL, 'confirmed'], 'cancel');
      const by: CancelledBy = partyOf(i, cmd.actor) ?? (isStaff(cmd.actor) ? 'operator' : forbid('cancel'));
      const refundPercent = cancellationRefundPercent(by, i.status, i.slot?.start, now);
      return [{ type: 'InterviewCancelled', data: { interviewId: id, expertId: i.expertId, organisationId: i.organisationId, cancelledBy: by, reason: cmd.data.reason, refundPercent, at } }];
    }
    case 'CompleteInterview': {
      requireStatus(i, ['confirmed'], 'complete');
      if (!isExpert(i, cmd.actor) && !isStaff(cmd.actor)) forbid('record completion (the expert or an operator)');
      if (now.getTime() < Date.parse(i.slot!.start)) throw new IllegalStateError('INTERVIEW.NOT_STARTED', `The call starts at ${i.slot!.start}`);
      const m = cmd.data.actualMinutes;
      if (!Number.isInteger(m) || m < 1 || m > INTERVIEW_RULES.maxActualMinutes) invalid('actualMinutes', `must be a whole number from 1 to ${INTERVIEW_RULES.maxActualMinutes}`);
      return [{ type: 'InterviewCompleted', data: { interviewId: id, expertId: i.expertId, organisationId: i.organisationId, actualMinutes: m, at } }];
    }
    case 'RateInterview': {
      requireStatus(i, ['completed'], 'rate');
      const by = partyOf(i, cmd.actor) ?? forbid('rate');
      if (i.ratings[by] !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_RATED', `The ${by} already rated this call`);
      if (!Number.isInteger(cmd.data.score) || cmd.data.score < 1 || cmd.data.score > 5) invalid('score', 'must be a whole number from 1 to 5');
      return [
        { type: 'InterviewRated', data: { interviewId: id, expertId: i.expertId, organisationId: i.organisationId, by, score: cmd.data.score, ...(cmd.data.comment ? { comment: cmd.data.comment } : {}), at } },
      ];
    }
    case 'RecordNoShow': {
      requireStatus(i, ['confirmed'], 'record a no-show for');
      const reporter = partyOf(i, cmd.actor);
      // A party reports the other side; operators may record either.
      if (!isStaff(cmd.actor) && (reporter === undefined || reporter === cmd.data.absent)) forbid('report the other side absent');
      if (now.getTime() < Date.parse(i.slot!.start)) throw new IllegalStateError('INTERVIEW.NOT_STARTED', `The call starts at ${i.slot!.start}`);
      return [{ type: 'InterviewNoShowRecorded', data: { interviewId: id, absent: cmd.data.absent, refundPercent: noShowRefundPercent(cmd.data.absent), at } }];
    }
    case 'FailInterviewPayment':
      // The saga may retry this after a crash: only a call still waiting for its payment fails.
      if (i.status !== 'confirmed' || i.payment !== 'points') return [];
      return [{ type: 'InterviewPaymentFailed', data: { interviewId: id, expertId: i.expertId, organisationId: i.organisationId, code: cmd.data.code, at } }];
  }
};

export const interviewDecider = { decide, evolve, initialState };
