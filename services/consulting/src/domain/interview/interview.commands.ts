import type { AvailabilityException, WeeklySlot } from '../availability/availability';
import type { Principal } from '@hope/kernel';
import type { ConflictReason, Party, Payment } from './interview.events';

interface Meta {
  readonly now: Date;
}

export type InterviewCommand =
  | {
      type: 'RequestInterview';
      data: { interviewId: string; expertId: string; topic: string; durationMinutes: number; slots: readonly string[]; payment: Payment };
      actor: Principal;
      metadata: Meta;
    }
  | { type: 'AcceptInterview'; data: { interviewId: string; start: string }; actor: Principal; metadata: Meta }
  | { type: 'CounterProposeInterview'; data: { interviewId: string; slots: readonly string[] }; actor: Principal; metadata: Meta }
  | { type: 'DeclineInterview'; data: { interviewId: string; reason?: string }; actor: Principal; metadata: Meta }
  | { type: 'ExpireInterview'; data: { interviewId: string }; metadata: Meta }
  | { type: 'RecordAttestation'; data: { interviewId: string; noConfidentialInformation: boolean; noConflictOfInterest: boolean }; actor: Principal; metadata: Meta }
  /** Matching's answer, as the compliance gate obtained it (never a caller's claim). */
  | { type: 'RecordConflictCheck'; data: { interviewId: string; passed: boolean; reasons: readonly ConflictReason[] }; actor: Principal; metadata: Meta }
  | { type: 'RescheduleInterview'; data: { interviewId: string; start: string }; actor: Principal; metadata: Meta }
  | { type: 'CancelInterview'; data: { interviewId: string; reason: string }; actor: Principal; metadata: Meta }
  | { type: 'CompleteInterview'; data: { interviewId: string; actualMinutes: number }; actor: Principal; metadata: Meta }
  | { type: 'RateInterview'; data: { interviewId: string; score: number; comment?: string }; actor: Principal; metadata: Meta }
  | { type: 'RecordNoShow'; data: { interviewId: string; absent: Party }; actor: Principal; metadata: Meta }
  /** The points saga's compensation: points refused the reservation. */
  | { type: 'FailInterviewPayment'; data: { interviewId: string; code: string }; metadata: Meta }
  | { type: 'PublishAvailability'; data: { expertId: string; timeZone: string; weekly: readonly WeeklySlot[]; exceptions: readonly AvailabilityException[] }; actor: Principal; metadata: Meta };
