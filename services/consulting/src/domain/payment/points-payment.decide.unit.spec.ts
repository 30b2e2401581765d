import { DeciderSpecification } from '@hope/eventstore/testing';
import { interviewPaymentWanted, seatPaymentWanted } from '../rules/payment-policy';
import type { Interview } from '../interview/interview.state';
import { MAX_RESERVE_ATTEMPTS, nextStep, pointsPaymentDecider, type PointsPaymentCommand } from './points-payment.decide';
import type { PointsPaymentEvent } from './points-payment.events';

const spec = DeciderSpecification.for(pointsPaymentDecider);
const now = new Date('2030-03-01T08:00:00.000Z');
const at = now.toISOString();
const paymentId = 'interview-i-1';
const opened: PointsPaymentEvent = { type: 'PointsPaymentOpened', data: { paymentId, payerId: 'exp-2', itemId: 'expert-interview', purpose: { kind: 'interview', interviewId: 'i-1', expertId: 'exp-1' }, at } };
const reserved = (attempt = 0, reservationId = 'r-1'): PointsPaymentEvent => ({ type: 'PointsReserved', data: { paymentId, reservationId, points: 200, attempt, at } });
const settling = (outcome: 'capture' | 'release', refundOwedPercent = 0): PointsPaymentEvent => ({ type: 'PointsPaymentSettling', data: { paymentId, outcome, reason: 'completed', refundOwedPercent, at } });
const lapsed: PointsPaymentEvent = { type: 'PointsReservationLapsed', data: { paymentId, reservationId: 'r-1', at } };
const c = (command: { type: PointsPaymentCommand['type']; data?: unknown }) => ({ ...command, metadata: { now } }) as PointsPaymentCommand;
const fold = (events: PointsPaymentEvent[]) => events.reduce(pointsPaymentDecider.evolve, pointsPaymentDecider.initialState);

describe('points payment saga: one event per step, each step once', () => {
  it('opens once; a second open (redelivery) records nothing', () => {
    spec.given([]).when(c({ type: 'OpenPayment', data: opened.data as never })).then([opened]);
    spec.given([opened]).when(c({ type: 'OpenPayment', data: opened.data as never })).thenNothingHappened();
  });

  it('next step: reserve with a key from the payment id; after the answer, capture or release only once settled', () => {
    expect(nextStep(fold([opened]))).toEqual({ kind: 'reserve', key: 'consulting:interview-i-1:reserve:0' });
    expect(nextStep(fold([opened, reserved()]))).toBeUndefined();
    expect(nextStep(fold([opened, reserved(), settling('capture')]))).toEqual({ kind: 'capture', reservationId: 'r-1', key: 'consulting:interview-i-1:capture:r-1' });
    // Settled before the reservation was recorded (a crash): reserve first with the same key, then release.
    expect(nextStep(fold([opened, settling('release')]))).toMatchObject({ kind: 'reserve', key: 'consulting:interview-i-1:reserve:0' });
    expect(nextStep(fold([opened, settling('release'), reserved()]))).toMatchObject({ kind: 'release', reservationId: 'r-1' });
  });

  it('a reservation points released on its own is reserved again under a new key, a bounded number of times', () => {
    spec.given([opened, reserved(), settling('capture')]).when(c({ type: 'RecordReservationLapsed' })).then([lapsed]);
    expect(nextStep(fold([opened, reserved(), settling('capture'), lapsed]))).toEqual({ kind: 'reserve', key: 'consulting:interview-i-1:reserve:1' });
    const exhausted = [opened, reserved(0), settling('capture'), lapsed, reserved(1, 'r-2'), lapsed, reserved(MAX_RESERVE_ATTEMPTS - 1, 'r-3')];
    spec.given(exhausted).when(c({ type: 'RecordReservationLapsed' })).then([
      { type: 'PointsPaymentFailed', data: { paymentId, step: 'capture', code: 'PAYMENT.RESERVATION_LAPSED', detail: `points released the reservation ${MAX_RESERVE_ATTEMPTS} times`, at } },
    ]);
  });

  it('the first settlement wins and finished payments ignore late answers', () => {
    spec.given([opened, reserved(), settling('capture')]).when(c({ type: 'SettlePayment', data: { outcome: 'release', reason: 'x', refundOwedPercent: 0 } })).thenNothingHappened();
    const captured: PointsPaymentEvent = { type: 'PointsCaptured', data: { paymentId, reservationId: 'r-1', points: 200, at } };
    spec.given([opened, reserved(), settling('capture')]).when(c({ type: 'RecordCaptured', data: { points: 200 } })).then([captured]);
    spec.given([opened, reserved(), settling('capture'), captured]).when(c({ type: 'RecordCaptured', data: { points: 200 } })).thenNothingHappened();
    spec.given([opened, { type: 'PointsReservationRefused', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: '', at } }]).when(c({ type: 'RecordReserved', data: { reservationId: 'r', points: 1 } })).thenNothingHappened();
  });
});

describe('payment policy', () => {
  const call = (over: Partial<Interview>): Interview =>
    ({ interviewId: 'i-1', expertId: 'exp-1', organisationId: 'expert:exp-2', requestedBy: 'exp-2', requesterRole: 'expert', topic: 't', durationMinutes: 60, payment: 'points', status: 'confirmed', proposedSlots: [], expiresAt: at, reschedules: 0, confirmed: true, ratings: {}, ...over }) as Interview;
  it('reserve on confirm, capture on completion, release on a full refund, capture and record what is owed on a partial one', () => {
    expect(interviewPaymentWanted(call({}))).toEqual({ open: true });
    expect(interviewPaymentWanted(call({ status: 'completed' })).settle).toMatchObject({ outcome: 'capture' });
    expect(interviewPaymentWanted(call({ status: 'cancelled', refundPercent: 100 })).settle).toMatchObject({ outcome: 'release' });
    expect(interviewPaymentWanted(call({ status: 'cancelled', refundPercent: 50 })).settle).toMatchObject({ outcome: 'capture', refundOwedPercent: 50 });
    expect(interviewPaymentWanted(call({ status: 'no-show', refundPercent: 0 })).settle).toMatchObject({ outcome: 'capture', refundOwedPercent: 0 });
    expect(interviewPaymentWanted(call({ status: 'cancelled', confirmed: false }))).toEqual({ open: false });
    expect(interviewPaymentWanted(call({ payment: 'contract' }))).toEqual({ open: false });
  });
  it('seats: reserved while held, captured from the start, released when given up; free kinds and enterprises pay nothing', () => {
    expect(seatPaymentWanted({ holds: true, itemId: 'technical-seminar-seat', role: 'expert' }, false, false)).toEqual({ open: true });
    expect(seatPaymentWanted({ holds: true, itemId: 'technical-seminar-seat', role: 'expert' }, true, true).settle?.outcome).toBe('capture');
    expect(seatPaymentWanted({ holds: false, itemId: 'technical-seminar-seat', role: 'expert' }, false, true).settle?.outcome).toBe('release');
    expect(seatPaymentWanted({ holds: false, itemId: 'technical-seminar-seat', role: 'expert' }, false, false)).toEqual({ open: false });
    expect(seatPaymentWanted({ holds: true, itemId: undefined, role: 'expert' }, false, false)).toEqual({ open: false });
    expect(seatPaymentWanted({ holds: true, itemId: 'technical-seminar-seat', role: 'enterprise' }, false, false)).toEqual({ open: false });
  });
});
