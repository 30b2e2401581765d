import type { AvailabilityException, WeeklySlot } from '../availability/availability';
import type { Actor } from '../shared/actor';
import type { ConflictReason, Party, Payment } from './interview.events';

interface Meta {
  readonly now: Date;
}

export type InterviewCommand =
  | {
      type: 'RequestInterview';
      data: { interviewId: string; expertId: string; topic: string; durationMinutes: number; slots: readonly string[]; payment: Payment };
      actor: Actor;
      metadata: Meta;
    }
  | { type: 'AcceptInterview'; data: { interviewId: string; start: string }; actor: Actor; metadata: Meta }
  | { type: 'CounterProposeInterview'; data: { interviewId: string; slots: readonly string[] }; actor: Actor; metadata: Meta }
  | { type: 'DeclineInterview'; data: { interviewId: string; reason?: string }; actor: Actor; metadata: Meta }
  | { type: 'ExpireInterview'; data: { interviewId: string }; metadata: Meta }
  | { type: 'RecordAttestation'; data: { interviewId: string; noConfidentialInformation: boolean; noConflictOfInterest: boolean }; actor: Actor; metadata: Meta }
  /** Matching's answer, as the compliance gate obtained it (never a caller's claim). */
  | { type: 'RecordConflictCheck'; data: { interviewId: string; passed: boolean; reasons: readonly ConflictReason[] }; actor: Actor; metadata: Meta }
  | { type: 'RescheduleInterview'; data: { interviewId: string; start: string }; actor: Actor; metadata: Meta }
  | { type: 'CancelInterview'; data: { interviewId: string; reason: string }; actor: Actor; metadata: Meta }
  | { type: 'CompleteInterview'; data: { interviewId: string; actualMinutes: number }; actor: Actor; metadata: Meta }
  | { type: 'RateInterview'; data: { interviewId: string; score: number; comment?: string }; actor: Actor; metadata: Meta }
  | { type: 'RecordNoShow'; data: { interviewId: string; absent: Party }; actor: Actor; metadata: Meta }
  /** The points saga's compensation: points refused the reservation. */
  | { type: 'FailInterviewPayment'; data: { interviewId: string; code: string }; metadata: Meta }
  | { type: 'PublishAvailability'; data: { expertId: string; timeZone: string; weekly: readonly WeeklySlot[]; exceptions: readonly AvailabilityException[] }; actor: Actor; metadata: Meta };
