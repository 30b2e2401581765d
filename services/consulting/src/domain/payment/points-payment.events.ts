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
  /** `holdUntil`: points keeps the reservation until then (absent: the catalogue's timeout). */
  | { type: 'PointsPaymentOpened'; data: { paymentId: string; payerId: string; itemId: string; purpose: PaymentPurpose; holdUntil?: string; at: string } }
  | { type: 'PointsReserved'; data: { paymentId: string; reservationId: string; points: number; attempt: number; at: string } }
  | { type: 'PointsReservationRefused'; data: { paymentId: string; code: string; detail: string; at: string } }
  /**
   * `capturePercent`: the share of the reserved points to spend (a partial refund spends the rest of
   * the price). Events recorded before points could capture part of a reservation carry no
   * `capturePercent` but `refundOwedPercent`: they captured in full and left that refund to an operator.
   */
  | { type: 'PointsPaymentSettling'; data: { paymentId: string; outcome: SettleOutcome; reason: string; capturePercent?: number; refundOwedPercent?: number; at: string } }
  | { type: 'PointsReservationLapsed'; data: { paymentId: string; reservationId: string; at: string } }
  /** `points` spent; `released` the rest of the reservation given back by a partial capture (absent: none). */
  | { type: 'PointsCaptured'; data: { paymentId: string; reservationId: string; points: number; released?: number; at: string } }
  | { type: 'PointsReleased'; data: { paymentId: string; reservationId: string; at: string } }
  | { type: 'PointsPaymentFailed'; data: { paymentId: string; step: 'capture' | 'release'; code: string; detail: string; at: string } }
  /**
   * The service was delivered (a capture was due) but points refused to pay for it: the reservation
   * was gone (released, timed out) and a new one was refused (`code`, e.g. POINTS.INSUFFICIENT). The
   * price owed (`points`) becomes the payer's debt at points: never a free service.
   */
  | { type: 'PointsPaymentOwed'; data: { paymentId: string; code: string; detail: string; points: number; at: string } }
  /** Points recorded the debt (`POST /accounts/{payer}/debts`, debt id `consulting:<paymentId>`). */
  | { type: 'PointsDebtRecorded'; data: { paymentId: string; points: number; at: string } };

export const POINTS_PAYMENT_EVENT_TYPES: readonly PointsPaymentEvent['type'][] = [
  'PointsPaymentOpened',
  'PointsReserved',
  'PointsReservationRefused',
  'PointsPaymentSettling',
  'PointsReservationLapsed',
  'PointsCaptured',
  'PointsReleased',
  'PointsPaymentFailed',
  'PointsPaymentOwed',
  'PointsDebtRecorded',
];

export const paymentStreamPrefix = 'points-payment-';
export const paymentStream = (paymentId: string): string => `${paymentStreamPrefix}${paymentId}`;
export const interviewPaymentId = (interviewId: string): string => `interview-${interviewId}`;
/** The debt a payment refused after delivery leaves at points: one per payment, so recording it again is a no-op. */
export const paymentDebtId = (paymentId: string): string => `consulting:${paymentId}`;
export const seatPaymentId = (meetingId: string, participantId: string): string => `seat-${meetingId}-${participantId}`;
