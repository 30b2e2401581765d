import { PayloadReader } from '../payload';
import type { EventDefinition } from '../registry';
import { integer, object, oneOf, optionalString, string, stringArray, timestamp } from '../schema/json-schema';

/** Published by the consulting service; the points service earns on them. */
export interface ConsultationCompletedV1 {
  bookingId: string;
  expertId: string;
  organisationId: string;
  /** Actual length of the call. */
  minutes: number;
  completedAt: string;
}

export const MEETING_KINDS = ['exchange-meeting', 'matchmaking-meeting', 'technical-seminar', 'innovation-tour'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MeetingAttendedV1 {
  meetingId: string;
  kind: MeetingKind;
  expertId: string;
  attendedAt: string;
}

export const ConsultationCompleted: EventDefinition<ConsultationCompletedV1> = {
  type: 'ConsultationCompleted',
  version: 1,
  schemas: { 1: object({ bookingId: string, expertId: string, organisationId: string, minutes: integer({ min: 1, max: 24 * 60 }), completedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ConsultationCompleted', data);
    return {
      bookingId: r.string('bookingId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      minutes: r.integer('minutes', { min: 1, max: 24 * 60 }),
      completedAt: r.timestamp('completedAt'),
    };
  },
};

export const MeetingAttended: EventDefinition<MeetingAttendedV1> = {
  type: 'MeetingAttended',
  version: 1,
  schemas: { 1: object({ meetingId: string, kind: oneOf(MEETING_KINDS), expertId: string, attendedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('MeetingAttended', data);
    return { meetingId: r.string('meetingId'), kind: r.oneOf('kind', MEETING_KINDS), expertId: r.string('expertId'), attendedAt: r.timestamp('attendedAt') };
  },
};

/**
 * A seat of a meeting freed and went to the expert first on its waiting list: the expert now holds a
 * seat they had only hoped for (matching puts it in the expert's inbox). Enterprise participants'
 * promotions are not published.
 */
export interface MeetingWaitListPromotedV1 {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  expertId: string;
  promotedAt: string;
}

export const MeetingWaitListPromoted: EventDefinition<MeetingWaitListPromotedV1> = {
  type: 'MeetingWaitListPromoted',
  version: 1,
  schemas: { 1: object({ meetingId: string, kind: oneOf(MEETING_KINDS), title: string, startsAt: timestamp, expertId: string, promotedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('MeetingWaitListPromoted', data);
    return {
      meetingId: r.string('meetingId'),
      kind: r.oneOf('kind', MEETING_KINDS),
      title: r.string('title'),
      startsAt: r.timestamp('startsAt'),
      expertId: r.string('expertId'),
      promotedAt: r.timestamp('promotedAt'),
    };
  },
};

export const INTERVIEW_PAYMENTS = ['contract', 'points'] as const;
export type InterviewPayment = (typeof INTERVIEW_PAYMENTS)[number];

/** An enterprise asked an expert for a call; matching answers with its conflict check. */
export interface InterviewRequestedV1 {
  interviewId: string;
  expertId: string;
  organisationId: string;
  topic: string;
  durationMinutes: number;
  payment: InterviewPayment;
  requestedAt: string;
  expiresAt: string;
}

/** Slot agreed and compliance gate passed: the call is booked (points reserves here when paid by points). */
export interface InterviewConfirmedV1 {
  interviewId: string;
  expertId: string;
  organisationId: string;
  start: string;
  end: string;
  confirmedAt: string;
}

export const INTERVIEW_CANCELLERS = ['expert', 'enterprise', 'operator'] as const;

/** A booking ended before the call; `refundPercent` of the price goes back to the payer, the rest is captured. */
export interface InterviewCancelledV1 {
  interviewId: string;
  expertId: string;
  organisationId: string;
  cancelledBy: (typeof INTERVIEW_CANCELLERS)[number];
  refundPercent: number;
  cancelledAt: string;
}

export const InterviewRequested: EventDefinition<InterviewRequestedV1> = {
  type: 'InterviewRequested',
  version: 1,
  schemas: { 1: object({ interviewId: string, expertId: string, organisationId: string, topic: string, durationMinutes: integer({ min: 1, max: 24 * 60 }), payment: oneOf(INTERVIEW_PAYMENTS), requestedAt: timestamp, expiresAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('InterviewRequested', data);
    return {
      interviewId: r.string('interviewId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      topic: r.string('topic'),
      durationMinutes: r.integer('durationMinutes', { min: 1, max: 24 * 60 }),
      payment: r.oneOf('payment', INTERVIEW_PAYMENTS),
      requestedAt: r.timestamp('requestedAt'),
      expiresAt: r.timestamp('expiresAt'),
    };
  },
};

export const InterviewConfirmed: EventDefinition<InterviewConfirmedV1> = {
  type: 'InterviewConfirmed',
  version: 1,
  schemas: { 1: object({ interviewId: string, expertId: string, organisationId: string, start: timestamp, end: timestamp, confirmedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('InterviewConfirmed', data);
    return {
      interviewId: r.string('interviewId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      start: r.timestamp('start'),
      end: r.timestamp('end'),
      confirmedAt: r.timestamp('confirmedAt'),
    };
  },
};

export const InterviewCancelled: EventDefinition<InterviewCancelledV1> = {
  type: 'InterviewCancelled',
  version: 1,
  schemas: { 1: object({ interviewId: string, expertId: string, organisationId: string, cancelledBy: oneOf(INTERVIEW_CANCELLERS), refundPercent: integer({ min: 0, max: 100 }), cancelledAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('InterviewCancelled', data);
    return {
      interviewId: r.string('interviewId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      cancelledBy: r.oneOf('cancelledBy', INTERVIEW_CANCELLERS),
      refundPercent: r.integer('refundPercent', { min: 0, max: 100 }),
      cancelledAt: r.timestamp('cancelledAt'),
    };
  },
};

export const RATING_SIDES = ['enterprise', 'expert'] as const;

/**
 * One side of a completed consultation rated the other (1-5). Matching ranks experts on the
 * enterprises' ratings (`ratedBy: 'enterprise'`); a side rates once.
 */
export interface ConsultationRatedV1 {
  bookingId: string;
  expertId: string;
  organisationId: string;
  ratedBy: (typeof RATING_SIDES)[number];
  score: number;
  ratedAt: string;
}

export const ConsultationRated: EventDefinition<ConsultationRatedV1> = {
  type: 'ConsultationRated',
  version: 1,
  schemas: { 1: object({ bookingId: string, expertId: string, organisationId: string, ratedBy: oneOf(RATING_SIDES), score: integer({ min: 1, max: 5 }), ratedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ConsultationRated', data);
    return {
      bookingId: r.string('bookingId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      ratedBy: r.oneOf('ratedBy', RATING_SIDES),
      score: r.integer('score', { min: 1, max: 5 }),
      ratedAt: r.timestamp('ratedAt'),
    };
  },
};

/** A virtual research group was formed around a topic (and optionally a demand) for a period. */
export interface ResearchGroupFormedV1 {
  groupId: string;
  title: string;
  topic: string;
  /** Absent when the group is not about one demand. */
  demandId?: string;
  /** The sponsoring organisation. */
  organisationId: string;
  leadExpertId: string;
  startsAt: string;
  endsAt: string;
  formedAt: string;
}

/** An expert joined a research group (the lead and founding members too, right after `ResearchGroupFormed`). */
export interface ResearchGroupMemberJoinedV1 {
  groupId: string;
  expertId: string;
  joinedAt: string;
}

/** An expert left a research group (or was removed) before it closed. */
export interface ResearchGroupMemberLeftV1 {
  groupId: string;
  expertId: string;
  leftAt: string;
}

/** A planned milestone of a research group was marked reached. */
export interface ResearchGroupMilestoneReachedV1 {
  groupId: string;
  milestoneId: string;
  reachedAt: string;
}

/** A research group closed with its report's summary; milestones still open are listed as missed. */
export interface ResearchGroupClosedV1 {
  groupId: string;
  summary: string;
  missedMilestoneIds: string[];
  closedAt: string;
}

export const ResearchGroupFormed: EventDefinition<ResearchGroupFormedV1> = {
  type: 'ResearchGroupFormed',
  version: 1,
  schemas: { 1: object({ groupId: string, title: string, topic: string, organisationId: string, leadExpertId: string, startsAt: timestamp, endsAt: timestamp, formedAt: timestamp }, { demandId: optionalString }) },
  parse(data) {
    const r = new PayloadReader('ResearchGroupFormed', data);
    const demandId = r.optionalString('demandId');
    return {
      groupId: r.string('groupId'),
      title: r.string('title'),
      topic: r.string('topic'),
      ...(demandId ? { demandId } : {}),
      organisationId: r.string('organisationId'),
      leadExpertId: r.string('leadExpertId'),
      startsAt: r.timestamp('startsAt'),
      endsAt: r.timestamp('endsAt'),
      formedAt: r.timestamp('formedAt'),
    };
  },
};

export const ResearchGroupMemberJoined: EventDefinition<ResearchGroupMemberJoinedV1> = {
  type: 'ResearchGroupMemberJoined',
  version: 1,
  schemas: { 1: object({ groupId: string, expertId: string, joinedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ResearchGroupMemberJoined', data);
    return { groupId: r.string('groupId'), expertId: r.string('expertId'), joinedAt: r.timestamp('joinedAt') };
  },
};

export const ResearchGroupMemberLeft: EventDefinition<ResearchGroupMemberLeftV1> = {
  type: 'ResearchGroupMemberLeft',
  version: 1,
  schemas: { 1: object({ groupId: string, expertId: string, leftAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ResearchGroupMemberLeft', data);
    return { groupId: r.string('groupId'), expertId: r.string('expertId'), leftAt: r.timestamp('leftAt') };
  },
};

export const ResearchGroupMilestoneReached: EventDefinition<ResearchGroupMilestoneReachedV1> = {
  type: 'ResearchGroupMilestoneReached',
  version: 1,
  schemas: { 1: object({ groupId: string, milestoneId: string, reachedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ResearchGroupMilestoneReached', data);
    return { groupId: r.string('groupId'), milestoneId: r.string('milestoneId'), reachedAt: r.timestamp('reachedAt') };
  },
};

export const ResearchGroupClosed: EventDefinition<ResearchGroupClosedV1> = {
  type: 'ResearchGroupClosed',
  version: 1,
  schemas: { 1: object({ groupId: string, summary: string, missedMilestoneIds: stringArray, closedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('ResearchGroupClosed', data);
    return { groupId: r.string('groupId'), summary: r.string('summary'), missedMilestoneIds: r.stringArray('missedMilestoneIds'), closedAt: r.timestamp('closedAt') };
  },
};

/** Every event the consulting service publishes. */
export const CONSULTING_EVENTS: readonly EventDefinition<unknown>[] = [
  ConsultationCompleted,
  MeetingAttended,
  MeetingWaitListPromoted,
  InterviewRequested,
  InterviewConfirmed,
  InterviewCancelled,
  ConsultationRated,
  ResearchGroupFormed,
  ResearchGroupMemberJoined,
  ResearchGroupMemberLeft,
  ResearchGroupMilestoneReached,
  ResearchGroupClosed,
] as readonly EventDefinition<unknown>[];
