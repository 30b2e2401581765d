import type { CommandMeta, Principal } from '@hope/kernel';
import type { InterviewCommand } from '../../domain/interview/interview.commands';
import { visibleBooking, type BookingWithPayment } from './bookings-access';
import { settleInterviewPayment, type InterviewDeps } from './interview-deps';

/** What a party may do to an existing interview over HTTP (the rest are the gate's, the job's and the saga's). */
export type InterviewChange = Exclude<InterviewCommand, { type: 'RequestInterview' | 'ExpireInterview' | 'RecordConflictCheck' | 'FailInterviewPayment' | 'PublishAvailability' }>;
export type InterviewChangeOf<T extends InterviewChange['type']> = { type: T; data: Extract<InterviewChange, { type: T }>['data'] };

/**
 * Accept, counter-propose, decline, attest, reschedule, cancel, complete, rate, report a no-show: one
 * path. The interview's stream is its expert's calendar, and the read model knows which expert. After
 * the change the gate asks matching if that was its last open step, and a points payment follows.
 */
export async function changeInterview<T extends InterviewChange['type']>(
  deps: InterviewDeps,
  who: Principal,
  interviewId: string,
  change: InterviewChangeOf<T>,
  meta: Partial<CommandMeta> = {},
): Promise<BookingWithPayment> {
  // Tenancy first: a caller who is not a party gets the same 404 as for an unknown id, before the
  // decider could answer with the call's status. Then routing only (which expert's calendar): the
  // decider re-checks everything against the stream.
  const booking = visibleBooking(deps, who, interviewId);
  const command = { ...change, actor: who, metadata: { now: deps.clock.now() } } as InterviewCommand;
  const result = await deps.calendars.handle(booking.expertId, command, { ...meta, commandId: meta.commandId ?? deps.ids.next() });
  // The last open step of the gate (an attestation on an agreed slot, an acceptance after it) asks matching.
  await deps.gate.checkIfDue(booking.expertId, interviewId, result.state);
  if (booking.payment === 'points') await settleInterviewPayment(deps, booking.expertId, interviewId);
  return visibleBooking(deps, who, interviewId);
}
