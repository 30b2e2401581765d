import type { Logger } from 'pino';
import type { CalendarHandler } from '../../domain/interview/interview.aggregate';
import type { Calendar } from '../../domain/interview/interview.state';
import type { KnownReferences } from '../directory/known-references';
import type { BookingReaders } from './bookings-access';

/** What the interview use cases need; the HTTP controller assembles it from the module's providers. */
export interface InterviewDeps extends BookingReaders {
  readonly calendars: CalendarHandler;
  /** The experts consulting knows joined: an interview is requested only with one of them. */
  readonly known: KnownReferences;
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
  /** The compliance gate's last step (matching's conflict check), when it is due. */
  readonly gate: { checkIfDue(expertId: string, interviewId: string, known?: Calendar): Promise<void> };
  /** The points payment saga for one interview. */
  readonly saga: { syncInterview(expertId: string, interviewId: string): Promise<unknown> };
  readonly logger: Pick<Logger, 'warn'>;
}

/**
 * Reserve / capture / release right away; if points cannot be reached the booking change stands
 * and the resume job finishes the payment (every step is already recorded).
 */
export const settleInterviewPayment = async (deps: InterviewDeps, expertId: string, interviewId: string): Promise<void> => {
  try {
    await deps.saga.syncInterview(expertId, interviewId);
  } catch (error) {
    deps.logger.warn({ err: error, interviewId }, 'points payment deferred to the resume job');
  }
};
