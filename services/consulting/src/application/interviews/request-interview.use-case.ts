import type { CommandMeta, Principal } from '@hope/kernel';
import type { Payment } from '../../domain/interview/interview.events';
import { requireKnown } from '../directory/known-references';
import { visibleBooking, type BookingWithPayment } from './bookings-access';
import type { InterviewDeps } from './interview-deps';

export interface RequestInterviewInput {
  readonly expertId: string;
  readonly topic: string;
  readonly durationMinutes: number;
  readonly slots: readonly string[];
  readonly payment: Payment;
}

/**
 * An enterprise (or an expert booking a peer) asks for a call; the interview id is the command id, so a
 * keyed retry (the id follows from its Idempotency-Key) names the same interview and requests nothing twice.
 */
export async function requestInterview(deps: InterviewDeps, who: Principal, input: RequestInterviewInput, meta: CommandMeta): Promise<BookingWithPayment> {
  await requireKnown(deps.known, { experts: { expertId: input.expertId } });
  const interviewId = meta.commandId;
  await deps.calendars.handle(
    input.expertId,
    { type: 'RequestInterview', data: { interviewId, ...input }, actor: who, metadata: { now: deps.clock.now() } },
    meta,
  );
  return visibleBooking(deps, who, interviewId);
}
