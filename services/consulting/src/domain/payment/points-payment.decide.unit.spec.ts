import { DeciderSpecification } from '@hope/kernel/testing';
import { holdUntilOf, interviewPayer, pointsHoldFor, interviewPaymentWanted, latestPointsCallEnd, pointsToCapture, seatPaymentWanted } from '../rules/payment-policy';
import type { Interview } from '../interview/interview.state';
import { MAX_RESERVE_ATTEMPTS, nextStep, pointsPaymentDecider, type PointsPaymentCommand } from './points-payment.decide';
import type { PointsPaymentEvent } from './points-payment.events';

const spec = DeciderSpecification.for(pointsPaymentDecider);
const now = new Date('2030-03-01T08:00:00.000Z');
const at = now.toISOString();
const paymentId = 'interview-i-1';
const opened: PointsPaymentEvent = { type: 'PointsPaymentOpened', data: { paymentId, payerId: 'exp-2', itemId: 'expert-interview', purpose: { kind: 'interview', interviewId: 'i-1', expertId: 'exp-1' }, at } };
const reserved = (attempt = 0, reservationId = 'r-1'): PointsPaymentEvent => ({ type: 'PointsReserved', data: { paymentId, reservationId, points: 200, attempt, at } });
const settling = (outcome: 'capture' | 'release', capturePercent = outcome === 'capture' ? 100 : 0): PointsPaymentEvent => ({ type: 'PointsPaymentSettling', data: { paymentId, outcome, reason: 'completed', capturePercent, at } });
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
    spec.given([opened, reserved(), settling('capture')]).when(c({ type: 'SettlePayment', data: { outcome: 'release', reason: 'x', capturePercent: 0 } })).thenNothingHappened();
    const captured: PointsPaymentEvent = { type: 'PointsCaptured', data: { paymentId, reservationId: 'r-1', points: 200, at } };
    spec.given([opened, reserved(), settling('capture')]).when(c({ type: 'RecordCaptured', data: { points: 200, released: 0 } })).then([captured]);
    spec.given([opened, reserved(), settling('capture'), captured]).when(c({ type: 'RecordCaptured', data: { points: 200, released: 0 } })).thenNothingHappened();
    spec.given([opened, { type: 'PointsReservationRefused', data: { paymentId, code: 'POINTS.INSUFFICIENT', detail: '', at } }]).when(c({ type: 'RecordReserved', data: { reservationId: 'r', points: 1 } })).thenNothingHappened();
  });
  it('a partial settlement captures the rounded-down share and releases the rest in one call; nothing due = a release', () => {
    const partial = settling('capture', 50);
    expect(nextStep(fold([opened, reserved(), partial]))).toEqual({ kind: 'capture', reservationId: 'r-1', key: 'consulting:interview-i-1:capture:r-1', points: 100 });
    const split: PointsPaymentEvent = { type: 'PointsCaptured', data: { paymentId, reservationId: 'r-1', points: 100, released: 100, at } };
    spec.given([opened, reserved(), partial]).when(c({ type: 'RecordCaptured', data: { points: 100, released: 100 } })).then([split]);
    expect(fold([opened, reserved(), partial, split])).toMatchObject({ status: 'captured', captured: 100, released: 100 });
    // A full capture sends no amount (the body of calls made before partial capture existed).
    expect(nextStep(fold([opened, reserved(), settling('capture')]))).not.toHaveProperty('points');
    // 1 % of 1 point rounds to nothing owed: released, not captured.
    const tiny: PointsPaymentEvent = { type: 'PointsReserved', data: { paymentId, reservationId: 'r-1', points: 1, attempt: 0, at } };
    expect(nextStep(fold([opened, tiny, settling('capture', 1)]))).toMatchObject({ kind: 'release', reservationId: 'r-1' });
    spec.given([opened, tiny, settling('capture', 1)]).when(c({ type: 'RecordReleased' })).then([{ type: 'PointsReleased', data: { paymentId, reservationId: 'r-1', at } }]);
  });

  it('old settlements that recorded refundOwedPercent still read: captured in full, the owed refund kept', () => {
    const legacy = { type: 'PointsPaymentSettling', data: { paymentId, outcome: 'capture', reason: 'cancelled', refundOwedPercent: 50, at } } as PointsPaymentEvent;
    const s = fold([opened, reserved(), legacy]);
    expect(s.settle).toEqual({ outcome: 'capture', reason: 'cancelled', capturePercent: 100, refundOwedPercent: 50 });
    expect(nextStep(s)).toEqual({ kind: 'capture', reservationId: 'r-1', key: 'consulting:interview-i-1:capture:r-1' });
  });

  it('the first reservation carries the hold; one made again after a lapse does not (it is captured at once)', () => {
    const held: PointsPaymentEvent = { type: 'PointsPaymentOpened', data: { ...(opened.data as object), holdUntil: '2030-03-29T10:00:00.000Z' } as never };
    expect(nextStep(fold([held]))).toEqual({ kind: 'reserve', key: 'consulting:interview-i-1:reserve:0', holdUntil: '2030-03-29T10:00:00.000Z' });
    expect(nextStep(fold([held, reserved(), settling('capture'), lapsed]))).toEqual({ kind: 'reserve', key: 'consulting:interview-i-1:reserve:1' });
  });
});

describe('payment policy', () => {
  const call = (over: Partial<Interview>): Interview =>
    ({ interviewId: 'i-1', expertId: 'exp-1', organisationId: 'expert:exp-2', requestedBy: 'exp-2', requesterRole: 'expert', topic: 't', durationMinutes: 60, payment: 'points', status: 'confirmed', proposedSlots: [], expiresAt: at, reschedules: 0, confirmed: true, ratings: {}, ...over }) as Interview;
  it('reserve on confirm, capture on completion, release on a full refund, capture the share owed on a partial one', () => {
    expect(interviewPaymentWanted(call({}))).toEqual({ open: true });
    expect(interviewPaymentWanted(call({ status: 'completed' })).settle).toEqual({ outcome: 'capture', reason: 'completed', capturePercent: 100 });
    expect(interviewPaymentWanted(call({ status: 'cancelled', refundPercent: 100 })).settle).toMatchObject({ outcome: 'release' });
    expect(interviewPaymentWanted(call({ status: 'cancelled', refundPercent: 50 })).settle).toEqual({ outcome: 'capture', reason: 'cancelled', capturePercent: 50 });
    expect(interviewPaymentWanted(call({ status: 'no-show', refundPercent: 0 })).settle).toMatchObject({ outcome: 'capture', capturePercent: 100 });
    expect(interviewPaymentWanted(call({ status: 'cancelled', confirmed: false }))).toEqual({ open: false });
    expect(interviewPaymentWanted(call({ payment: 'contract' }))).toEqual({ open: false });
  });
  it('rounds in the payer\'s favour: the share captured is rounded down', () => {
    expect(pointsToCapture(200, 50)).toBe(100);
    expect(pointsToCapture(75, 50)).toBe(37);
    expect(pointsToCapture(1, 50)).toBe(0);
    expect(pointsToCapture(200, 100)).toBe(200);
  });
  it('an expert pays from their own account, an enterprise from its organisation\'s (org:<id>)', () => {
    expect(interviewPayer(call({}))).toBe('exp-2');
    expect(interviewPayer(call({ requesterRole: 'enterprise', requestedBy: 'buyer-1', organisationId: 'acme' }))).toBe('org:acme');
  });
  it('the hold lasts until 7 days after the call; a call must end within 180 days minus that margin', () => {
    expect(holdUntilOf('2030-03-22T10:00:00.000Z')).toBe('2030-03-29T10:00:00.000Z');
    expect(pointsHoldFor('2030-03-22T10:00:00.000Z', now)).toBe('2030-03-29T10:00:00.000Z');
    // Never beyond points' 180 days; none once already past.
    expect(pointsHoldFor(new Date(now.getTime() + 200 * 86_400_000).toISOString(), now)).toBe(new Date(now.getTime() + 180 * 86_400_000).toISOString());
    expect(pointsHoldFor(new Date(now.getTime() - 8 * 86_400_000).toISOString(), now)).toBeUndefined();
    expect(latestPointsCallEnd(now).toISOString()).toBe(new Date(now.getTime() + (180 - 7) * 86_400_000).toISOString());
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
