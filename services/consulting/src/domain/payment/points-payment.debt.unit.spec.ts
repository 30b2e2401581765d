import { DeciderSpecification } from '@hope/kernel/testing';
import { nextStep, pointsPaymentDecider, type PointsPaymentCommand } from './points-payment.decide';
import type { PointsPaymentEvent } from './points-payment.events';

const spec = DeciderSpecification.for(pointsPaymentDecider);
const now = new Date('2030-03-01T08:00:00.000Z');
const at = now.toISOString();
const paymentId = 'interview-i-1';
const opened: PointsPaymentEvent = { type: 'PointsPaymentOpened', data: { paymentId, payerId: 'org:acme', itemId: 'expert-interview', purpose: { kind: 'interview', interviewId: 'i-1', expertId: 'exp-1' }, at } };
const reserved: PointsPaymentEvent = { type: 'PointsReserved', data: { paymentId, reservationId: 'r-1', points: 200, attempt: 0, at } };
const settling = (outcome: 'capture' | 'release', capturePercent = outcome === 'capture' ? 100 : 0): PointsPaymentEvent => ({ type: 'PointsPaymentSettling', data: { paymentId, outcome, reason: 'completed', capturePercent, at } });
const lapsed: PointsPaymentEvent = { type: 'PointsReservationLapsed', data: { paymentId, reservationId: 'r-1', at } };
const refused = { type: 'RecordReservationRefused', data: { code: 'POINTS.INSUFFICIENT', detail: 'Not enough points' }, metadata: { now } } as PointsPaymentCommand;
const recordDebt = (points: number) => ({ type: 'RecordDebt', data: { points }, metadata: { now } }) as PointsPaymentCommand;
const fold = (events: PointsPaymentEvent[]) => events.reduce(pointsPaymentDecider.evolve, pointsPaymentDecider.initialState);

describe('points payment saga: a payment refused after delivery is owed, never waived', () => {
  it('the reservation lapsed after a capture was due and a new one is refused: the price is owed, then recorded as debt at points', () => {
    const owed: PointsPaymentEvent = { type: 'PointsPaymentOwed', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: 'Not enough points', points: 200, at } };
    spec.given([opened, reserved, settling('capture'), lapsed]).when(refused).then([owed]);
    const history = [opened, reserved, settling('capture'), lapsed, owed];
    expect(fold(history)).toMatchObject({ status: 'owed', debt: 200 });
    expect(nextStep(fold(history))).toEqual({ kind: 'debt', points: 200, key: 'consulting:interview-i-1:debt' });
    spec.given(history).when(recordDebt(200)).then([{ type: 'PointsDebtRecorded', data: { paymentId, points: 200, at } }]);
    const recorded = [...history, { type: 'PointsDebtRecorded', data: { paymentId, points: 200, at } } as PointsPaymentEvent];
    expect(fold(recorded).status).toBe('debt');
    expect(nextStep(fold(recorded))).toBeUndefined();
    spec.given(recorded).when(recordDebt(200)).thenNothingHappened();
  });

  it('a partial capture due (late cancellation) owes only its share', () => {
    spec.given([opened, reserved, settling('capture', 50), lapsed]).when(refused).then([
      { type: 'PointsPaymentOwed', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: 'Not enough points', points: 100, at } },
    ]);
  });

  it('refused before delivery (first reservation, or a release was due) stays a plain refusal: nothing owed', () => {
    spec.given([opened]).when(refused).then([{ type: 'PointsReservationRefused', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: 'Not enough points', at } }]);
    spec.given([opened, reserved, settling('release'), lapsed]).when(refused).then([{ type: 'PointsReservationRefused', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: 'Not enough points', at } }]);
  });
});
