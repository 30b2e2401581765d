/**
 * Internal events of an expert's calendar (stream `expert-calendar-<expertId>`). Every interview of
 * one expert lives in that one stream, so the overlap check and the append that books a slot are one
 * optimistic-concurrency step: two replicas cannot both confirm overlapping calls.
 */
import type { AvailabilityException, WeeklySlot } from '../availability/availability';

export type Payment = 'contract' | 'points';
export type Party = 'expert' | 'enterprise';
export type CancelledBy = Party | 'operator';
export type RequesterRole = 'enterprise' | 'expert';

/** Why matching's conflict check did not clear an expert for an organisation (matching's codes, kept as given). */
export interface ConflictReason {
  readonly code: string;
  readonly detail: string;
}

export interface Slot {
  readonly start: string;
  readonly end: string;
}

// Events the relay translates into integration events carry the parties, so the translator needs no state.
export type InterviewEvent =
  | {
      type: 'InterviewRequested';
      data: {
        interviewId: string;
        expertId: string;
        organisationId: string;
        requestedBy: string;
        /** Absent on events before experts could book peers: an enterprise. */
        requesterRole?: RequesterRole;
        topic: string;
        durationMinutes: number;
        slots: string[];
        payment: Payment;
        requestedAt: string;
        expiresAt: string;
      };
    }
  | { type: 'InterviewCounterProposed'; data: { interviewId: string; slots: string[]; at: string; expiresAt: string } }
  | { type: 'InterviewAccepted'; data: { interviewId: string; start: string; end: string; acceptedBy: Party; at: string } }
  | { type: 'InterviewDeclined'; data: { interviewId: string; reason?: string; at: string } }
  | { type: 'InterviewExpired'; data: { interviewId: string; at: string } }
  | { type: 'ExpertAttestationRecorded'; data: { interviewId: string; noConfidentialInformation: boolean; noConflictOfInterest: boolean; passed: boolean; at: string } }
  /** `reasons` (matching's answer, empty when cleared); `detail` only on checks recorded by hand before matching was consulted. */
  | { type: 'ConflictCheckRecorded'; data: { interviewId: string; passed: boolean; checkedBy: string; reasons?: ConflictReason[]; detail?: string; at: string } }
  | { type: 'ComplianceGateFailed'; data: { interviewId: string; reason: 'attestation' | 'conflict-check'; at: string } }
  | { type: 'InterviewConfirmed'; data: { interviewId: string; expertId: string; organisationId: string; start: string; end: string; at: string } }
  | { type: 'InterviewRescheduled'; data: { interviewId: string; start: string; end: string; by: Party; at: string } }
  | { type: 'InterviewCancelled'; data: { interviewId: string; expertId: string; organisationId: string; cancelledBy: CancelledBy; reason: string; refundPercent: number; at: string } }
  | { type: 'InterviewCompleted'; data: { interviewId: string; expertId: string; organisationId: string; actualMinutes: number; at: string } }
  /** The parties are absent on ratings recorded before `ConsultationRated` was published. */
  | { type: 'InterviewRated'; data: { interviewId: string; expertId?: string; organisationId?: string; by: Party; score: number; comment?: string; at: string } }
  | { type: 'InterviewNoShowRecorded'; data: { interviewId: string; absent: Party; refundPercent: number; at: string } }
  | { type: 'InterviewPaymentFailed'; data: { interviewId: string; expertId: string; organisationId: string; code: string; at: string } }
  | { type: 'AvailabilityPublished'; data: { expertId: string; timeZone: string; weekly: WeeklySlot[]; exceptions: AvailabilityException[]; at: string } };

export type InterviewEventType = InterviewEvent['type'];
export const INTERVIEW_EVENT_TYPES: readonly InterviewEventType[] = [
  'InterviewRequested',
  'InterviewCounterProposed',
  'InterviewAccepted',
  'InterviewDeclined',
  'InterviewExpired',
  'ExpertAttestationRecorded',
  'ConflictCheckRecorded',
  'ComplianceGateFailed',
  'InterviewConfirmed',
  'InterviewRescheduled',
  'InterviewCancelled',
  'InterviewCompleted',
  'InterviewRated',
  'InterviewNoShowRecorded',
  'InterviewPaymentFailed',
  'AvailabilityPublished',
];

export const calendarStreamPrefix = 'expert-calendar-';
export const calendarStream = (expertId: string): string => `${calendarStreamPrefix}${expertId}`;
