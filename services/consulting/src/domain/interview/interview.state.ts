import type { Availability } from '../availability/availability';
import { holdUntilOf } from '../rules/points-hold';
import type { InterviewEvent, Party, Payment, RequesterRole, Slot } from './interview.events';

export type InterviewStatus =
  | 'requested' // waiting for the expert
  | 'counter-proposed' // waiting for the enterprise
  | 'accepted' // slot agreed and held, compliance gate not passed yet
  | 'confirmed'
  | 'declined'
  | 'expired'
  | 'gate-failed'
  | 'cancelled'
  | 'completed'
  | 'no-show'
  | 'payment-failed'; // points refused the reservation: the call is off, its slot free

export interface Interview {
  readonly interviewId: string;
  readonly expertId: string;
  readonly organisationId: string;
  readonly requestedBy: string;
  /** An enterprise, or an expert consulting a peer and paying with their points. */
  readonly requesterRole: RequesterRole;
  readonly topic: string;
  readonly durationMinutes: number;
  readonly payment: Payment;
  readonly status: InterviewStatus;
  /** The slots on the table: the enterprise's, or the expert's counter-proposal. */
  readonly proposedSlots: readonly string[];
  readonly expiresAt: string;
  readonly slot?: Slot;
  readonly attestationPassed?: boolean;
  readonly conflictCheckPassed?: boolean;
  readonly reschedules: number;
  /** Was ever confirmed: only then does a points payment exist. */
  readonly confirmed: boolean;
  /** Points paid: until when points holds the reservation (set once, from the slot at confirmation). */
  readonly pointsHeldUntil?: string;
  readonly refundPercent?: number;
  readonly actualMinutes?: number;
  readonly ratings: Partial<Record<Party, number>>;
}

/**
 * Interviews by id, spread over fixed buckets by a hash of the id. State is immutable (decide previews
 * an event with `evolve` and keeps the state it was given), so an update copies what it changes: with
 * one flat record that was every interview of the expert on every event — folding a year of calls
 * (~1,000 interviews, ~3,100 events) cost ~530 ms. With buckets an update copies one bucket and the
 * bucket array (~80 entries instead of ~1,000).
 */
export type InterviewTable = readonly Readonly<Record<string, Interview>>[];

const BUCKETS = 64;
const bucketOf = (id: string): number => {
  // FNV-1a: stable across processes and replays.
  let h = 0x811c9dc5;
  for (let n = 0; n < id.length; n++) h = Math.imul(h ^ id.charCodeAt(n), 0x01000193);
  return (h >>> 0) % BUCKETS;
};

/** One expert's calendar: every interview ever requested from them. */
export interface Calendar {
  readonly interviews: InterviewTable;
  /** Published weekly slots and exceptions; none published = no restriction. */
  readonly availability?: Availability;
}

export const initialState: Calendar = { interviews: Array.from({ length: BUCKETS }, () => ({})) };

export const interviewOf = (s: Calendar, id: string): Interview | undefined => s.interviews[bucketOf(id)]?.[id];

export const allInterviews = (s: Calendar): Interview[] => s.interviews.flatMap((bucket) => Object.values(bucket));

const withInterview = (s: Calendar, i: Interview): Calendar => {
  const b = bucketOf(i.interviewId);
  const interviews = [...s.interviews];
  interviews[b] = { ...interviews[b], [i.interviewId]: i };
  return { ...s, interviews };
};

/** Statuses whose slot is taken in the expert's calendar. */
export const HOLDS_SLOT: readonly InterviewStatus[] = ['accepted', 'confirmed'];

const update = (s: Calendar, id: string, change: (i: Interview) => Interview): Calendar => {
  const current = interviewOf(s, id);
  // evolve is total: an event for an unknown interview (never produced by decide) changes nothing.
  if (!current) return s;
  return withInterview(s, change(current));
};

export const evolve = (s: Calendar, e: InterviewEvent): Calendar => {
  switch (e.type) {
    case 'InterviewRequested': {
      const d = e.data;
      const interview: Interview = {
        interviewId: d.interviewId,
        expertId: d.expertId,
        organisationId: d.organisationId,
        requestedBy: d.requestedBy,
        requesterRole: d.requesterRole ?? 'enterprise',
        topic: d.topic,
        durationMinutes: d.durationMinutes,
        payment: d.payment,
        status: 'requested',
        proposedSlots: d.slots,
        expiresAt: d.expiresAt,
        reschedules: 0,
        confirmed: false,
        ratings: {},
      };
      return withInterview(s, interview);
    }
    case 'InterviewCounterProposed':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'counter-proposed', proposedSlots: e.data.slots, expiresAt: e.data.expiresAt }));
    case 'InterviewAccepted':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'accepted', slot: { start: e.data.start, end: e.data.end } }));
    case 'InterviewDeclined':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'declined' }));
    case 'InterviewExpired':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'expired' }));
    case 'ExpertAttestationRecorded':
      return update(s, e.data.interviewId, (i) => ({ ...i, attestationPassed: e.data.passed }));
    case 'ConflictCheckRecorded':
      return update(s, e.data.interviewId, (i) => ({ ...i, conflictCheckPassed: e.data.passed }));
    case 'ComplianceGateFailed':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'gate-failed' }));
    case 'InterviewConfirmed':
      return update(s, e.data.interviewId, (i) => ({
        ...i,
        status: 'confirmed',
        confirmed: true,
        slot: { start: e.data.start, end: e.data.end },
        ...(i.payment === 'points' && !i.pointsHeldUntil ? { pointsHeldUntil: holdUntilOf(e.data.end) } : {}),
      }));
    case 'InterviewRescheduled':
      return update(s, e.data.interviewId, (i) => ({ ...i, slot: { start: e.data.start, end: e.data.end }, reschedules: i.reschedules + 1 }));
    case 'InterviewCancelled':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'cancelled', refundPercent: e.data.refundPercent }));
    case 'InterviewCompleted':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'completed', actualMinutes: e.data.actualMinutes }));
    case 'InterviewRated':
      return update(s, e.data.interviewId, (i) => ({ ...i, ratings: { ...i.ratings, [e.data.by]: e.data.score } }));
    case 'InterviewNoShowRecorded':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'no-show', refundPercent: e.data.refundPercent }));
    case 'InterviewPaymentFailed':
      return update(s, e.data.interviewId, (i) => ({ ...i, status: 'payment-failed' }));
    case 'AvailabilityPublished':
      return { ...s, availability: { timeZone: e.data.timeZone, weekly: e.data.weekly, exceptions: e.data.exceptions } };
    default:
      return s;
  }
};
