/**
 * One points payment (stream `points-payment-<paymentId>`): the saga with the points service, one event
 * per step, so a crash or a redelivery resumes where it stopped. Intents (`Opened`, `Settling`) are
 * recorded before the call to points; outcomes (`Reserved`, `Captured`...) after its answer. Every call
 * carries an idempotency key derived from the payment id, so repeating an unrecorded call is harmless.
 */
export type PaymentPurpose =
  | { readonly kind: 'interview'; readonly interviewId: string; readonly expertId: string }
  | { readonly kind: 'seat'; readonly meetingId: string; readonly participantId: string };

export type SettleOutcome = 'capture' | 'release';

export type PointsPaymentEvent =
  | { type: 'PointsPaymentOpened'; data: { paymentId: string; payerId: string; itemId: string; purpose: PaymentPurpose; at: string } }
  | { type: 'PointsReserved'; data: { paymentId: string; reservationId: string; points: number; attempt: number; at: string } }
  | { type: 'PointsReservationRefused'; data: { paymentId: string; code: string; detail: string; at: string } }
  | { type: 'PointsPaymentSettling'; data: { paymentId: string; outcome: SettleOutcome; reason: string; refundOwedPercent: number; at: string } }
  | { type: 'PointsReservationLapsed'; data: { paymentId: string; reservationId: string; at: string } }
  | { type: 'PointsCaptured'; data: { paymentId: string; reservationId: string; points: number; at: string } }
  | { type: 'PointsReleased'; data: { paymentId: string; reservationId: string; at: string } }
  | { type: 'PointsPaymentFailed'; data: { paymentId: string; step: 'capture' | 'release'; code: string; detail: string; at: string } };

export const POINTS_PAYMENT_EVENT_TYPES: readonly PointsPaymentEvent['type'][] = [
  'PointsPaymentOpened',
  'PointsReserved',
  'PointsReservationRefused',
  'PointsPaymentSettling',
  'PointsReservationLapsed',
  'PointsCaptured',
  'PointsReleased',
  'PointsPaymentFailed',
];

export const paymentStreamPrefix = 'points-payment-';
export const paymentStream = (paymentId: string): string => `${paymentStreamPrefix}${paymentId}`;
export const interviewPaymentId = (interviewId: string): string => `interview-${interviewId}`;
export const seatPaymentId = (meetingId: string, participantId: string): string => `seat-${meetingId}-${participantId}`;
