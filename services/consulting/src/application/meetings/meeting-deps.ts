import type { Logger } from 'pino';
import type { MeetingHandler } from '../../domain/meeting/meeting.aggregate';
import type { PointsPayment } from '../../domain/payment/points-payment.decide';
import type { MeetingsQueries } from '../../projections/meetings/meetings.queries';
import type { PaymentsQueries } from '../../projections/payments/payments.queries';

/** What the meeting use cases need; the HTTP controller assembles it from the module's providers. */
export interface MeetingDeps {
  readonly meetings: MeetingHandler;
  readonly meetingViews: MeetingsQueries;
  readonly payments: PaymentsQueries;
  readonly saga: { syncSeat(meetingId: string, participantId: string): Promise<PointsPayment | undefined> };
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
  readonly logger: Pick<Logger, 'warn'>;
}

/** Pays or gives back a seat now; if points is unreachable the resume job finishes it. */
export const settleSeat = async (deps: MeetingDeps, meetingId: string, participantId: string): Promise<PointsPayment | undefined> => {
  try {
    return await deps.saga.syncSeat(meetingId, participantId);
  } catch (error) {
    deps.logger.warn({ err: error, meetingId, participantId }, 'seat payment deferred to the resume job');
    return undefined;
  }
};
