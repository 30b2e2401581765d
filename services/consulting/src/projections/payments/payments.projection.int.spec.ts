import { projectionSpec } from '@hope/eventstore/testing';
import { paymentsProjection } from './payments.projection';
import { SqlitePaymentsQueries } from './payments.queries';

const p = (paymentId: string) => `points-payment-${paymentId}`;
const at = '2030-01-01T00:00:00.000Z';

describe('payments projection', () => {
  it('an interview payment through reservation and a partial capture; a refused seat payment', async () => {
    await projectionSpec(
      paymentsProjection,
      [
        { stream: p('interview-i-1'), type: 'PointsPaymentOpened', data: { paymentId: 'interview-i-1', payerId: 'org:org-a', itemId: 'expert-interview', purpose: { kind: 'interview', interviewId: 'i-1', expertId: 'exp-1' }, holdUntil: '2030-01-10T00:00:00.000Z', at } },
        { stream: p('interview-i-1'), type: 'PointsReserved', data: { paymentId: 'interview-i-1', reservationId: 'r-1', points: 100, attempt: 0, at } },
        { stream: p('interview-i-1'), type: 'PointsPaymentSettling', data: { paymentId: 'interview-i-1', outcome: 'capture', reason: 'cancelled', capturePercent: 50, at } },
        { stream: p('interview-i-1'), type: 'PointsCaptured', data: { paymentId: 'interview-i-1', reservationId: 'r-1', points: 50, released: 50, at } },
        { stream: p('seat-m-1-exp-2'), type: 'PointsPaymentOpened', data: { paymentId: 'seat-m-1-exp-2', payerId: 'exp-2', itemId: 'technical-seminar-seat', purpose: { kind: 'seat', meetingId: 'm-1', participantId: 'exp-2' }, at } },
        { stream: p('seat-m-1-exp-2'), type: 'PointsReservationRefused', data: { paymentId: 'seat-m-1-exp-2', code: 'POINTS.INSUFFICIENT', detail: 'x', at } },
      ],
      (db) => {
        const q = new SqlitePaymentsQueries(db);
        expect(q.ofInterview('i-1')).toEqual({
          paymentId: 'interview-i-1', payerId: 'org:org-a', itemId: 'expert-interview', status: 'captured', points: 100, reservationId: 'r-1', settling: 'capture',
          holdUntil: '2030-01-10T00:00:00.000Z', capturePercent: 50, capturedPoints: 50, releasedPoints: 50, refundOwedPercent: 0, failureCode: null,
        });
        expect(q.ofInterview('i-2')).toBeUndefined();
      },
    );
  });

  it('a payment refused after delivery: owed, then recorded as debt at points', async () => {
    const id = 'interview-i-3';
    await projectionSpec(
      paymentsProjection,
      [
        { stream: p(id), type: 'PointsPaymentOpened', data: { paymentId: id, payerId: 'org:acme', itemId: 'expert-interview', purpose: { kind: 'interview', interviewId: 'i-3', expertId: 'exp-1' }, at } },
        { stream: p(id), type: 'PointsReserved', data: { paymentId: id, reservationId: 'r-1', points: 200, attempt: 0, at } },
        { stream: p(id), type: 'PointsPaymentSettling', data: { paymentId: id, outcome: 'capture', reason: 'completed', capturePercent: 100, at } },
        { stream: p(id), type: 'PointsReservationLapsed', data: { paymentId: id, reservationId: 'r-1', at } },
        { stream: p(id), type: 'PointsPaymentOwed', data: { paymentId: id, code: 'POINTS.INSUFFICIENT', detail: 'x', points: 200, at } },
        { stream: p(id), type: 'PointsDebtRecorded', data: { paymentId: id, points: 200, at } },
      ],
      (db) => expect(new SqlitePaymentsQueries(db).ofInterview('i-3')).toMatchObject({ status: 'debt', debtPoints: 200, failureCode: 'POINTS.INSUFFICIENT' }),
    );
  });
});
