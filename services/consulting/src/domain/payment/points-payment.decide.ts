import { IllegalStateError } from '@hope/kernel';
import { pointsToCapture } from '../rules/payment-policy';
import type { PaymentPurpose, PointsPaymentEvent, SettleOutcome } from './points-payment.events';

/** `owed`: refused after delivery, the debt not yet recorded at points; `debt`: recorded there. */
export type PaymentStatus = 'none' | 'reserving' | 'reserved' | 'refused' | 'captured' | 'released' | 'failed' | 'owed' | 'debt';
export const FINISHED: readonly PaymentStatus[] = ['refused', 'captured', 'released', 'failed', 'debt'];
/** A reservation that points released on its own (timeout) is reserved again at most this often. */
export const MAX_RESERVE_ATTEMPTS = 3;

export interface PointsPayment {
  readonly status: PaymentStatus;
  readonly paymentId: string;
  readonly payerId: string;
  readonly itemId: string;
  readonly purpose?: PaymentPurpose;
  readonly attempt: number;
  /** Until when points holds the first reservation (the call's end plus the completion margin). */
  readonly holdUntil?: string;
  readonly reservationId?: string;
  /** Reserved by the current reservation. */
  readonly points?: number;
  readonly settle?: {
    readonly outcome: SettleOutcome;
    readonly reason: string;
    /** Share of the reserved points to spend; 100 = all. */
    readonly capturePercent: number;
    /** Legacy (settled before partial capture): captured in full, this refund left to an operator. */
    readonly refundOwedPercent: number;
  };
  readonly captured?: number;
  readonly released?: number;
  /** Owed (status `owed`) or recorded as debt at points (status `debt`). */
  readonly debt?: number;
}

export type PointsPaymentCommand =
  | { type: 'OpenPayment'; data: { paymentId: string; payerId: string; itemId: string; purpose: PaymentPurpose; holdUntil?: string }; metadata: { now: Date } }
  | { type: 'SettlePayment'; data: { outcome: SettleOutcome; reason: string; capturePercent: number }; metadata: { now: Date } }
  | { type: 'RecordReserved'; data: { reservationId: string; points: number }; metadata: { now: Date } }
  | { type: 'RecordReservationRefused'; data: { code: string; detail: string }; metadata: { now: Date } }
  | { type: 'RecordReservationLapsed'; metadata: { now: Date } }
  | { type: 'RecordCaptured'; data: { points: number; released: number }; metadata: { now: Date } }
  | { type: 'RecordReleased'; metadata: { now: Date } }
  | { type: 'RecordSettlementFailed'; data: { step: 'capture' | 'release'; code: string; detail: string }; metadata: { now: Date } }
  | { type: 'RecordDebt'; data: { points: number }; metadata: { now: Date } };

export const initialState: PointsPayment = { status: 'none', paymentId: '', payerId: '', itemId: '', attempt: 0 };

export const evolve = (s: PointsPayment, e: PointsPaymentEvent): PointsPayment => {
  switch (e.type) {
    case 'PointsPaymentOpened':
      return { ...s, status: 'reserving', paymentId: e.data.paymentId, payerId: e.data.payerId, itemId: e.data.itemId, purpose: e.data.purpose, ...(e.data.holdUntil ? { holdUntil: e.data.holdUntil } : {}) };
    case 'PointsReserved':
      return { ...s, status: 'reserved', reservationId: e.data.reservationId, points: e.data.points, attempt: e.data.attempt };
    case 'PointsReservationRefused':
      return { ...s, status: 'refused' };
    case 'PointsPaymentSettling': {
      const capturePercent = e.data.capturePercent ?? (e.data.outcome === 'capture' ? 100 : 0);
      return { ...s, settle: { outcome: e.data.outcome, reason: e.data.reason, capturePercent, refundOwedPercent: e.data.refundOwedPercent ?? 0 } };
    }
    case 'PointsReservationLapsed':
      return { ...s, status: 'reserving', attempt: s.attempt + 1 };
    case 'PointsCaptured':
      return { ...s, status: 'captured', captured: e.data.points, released: e.data.released ?? 0 };
    case 'PointsReleased':
      return { ...s, status: 'released' };
    case 'PointsPaymentFailed':
      return { ...s, status: 'failed' };
    case 'PointsPaymentOwed':
      return { ...s, status: 'owed', debt: e.data.points };
    case 'PointsDebtRecorded':
      return { ...s, status: 'debt', debt: e.data.points };
    default:
      return s;
  }
};

/** The call to make to points next, with its idempotency key; undefined when nothing is left to do now. */
export type PaymentStep =
  | { readonly kind: 'reserve'; readonly key: string; readonly holdUntil?: string }
  /** `points`: capture only that many (the rest released); absent: the whole reservation. */
  | { readonly kind: 'capture'; readonly reservationId: string; readonly key: string; readonly points?: number }
  | { readonly kind: 'release'; readonly reservationId: string; readonly key: string }
  | { readonly kind: 'debt'; readonly points: number; readonly key: string };

/**
 * What a settlement comes to for the reservation at hand: capture all, capture part, or release
 * (nothing due once rounded in the payer's favour). Pure in the state, so a repeated call after a
 * crash sends the same body under the same key.
 */
const settlementOf = (s: PointsPayment): { outcome: SettleOutcome; points?: number } | undefined => {
  if (!s.settle) return undefined;
  if (s.settle.outcome === 'release' || s.settle.capturePercent >= 100) return { outcome: s.settle.outcome };
  const points = pointsToCapture(s.points ?? 0, s.settle.capturePercent);
  return points > 0 ? { outcome: 'capture', points } : { outcome: 'release' };
};

/**
 * What the payer owes once a capture was due: the points the settlement would have spent from the last
 * reservation (0: nothing was due, or no reservation ever told us the price, which is left to an operator).
 */
const owedAfterDelivery = (s: PointsPayment): number => {
  const settlement = settlementOf(s);
  if (settlement?.outcome !== 'capture' || s.points === undefined) return 0;
  return settlement.points ?? s.points;
};

export const nextStep = (s: PointsPayment): PaymentStep | undefined => {
  if (s.status === 'none' || FINISHED.includes(s.status)) return undefined;
  if (s.status === 'owed') return { kind: 'debt', points: s.debt ?? 0, key: `consulting:${s.paymentId}:debt` };
  // Without a recorded reservation a release still reserves first: an unrecorded reserve call may have
  // reached points before a crash, and only the same key tells us its reservation id.
  // The hold goes with the first reservation only: a later one replaces a lapsed reservation at capture time.
  if (s.status === 'reserving') return { kind: 'reserve', key: `consulting:${s.paymentId}:reserve:${s.attempt}`, ...(s.attempt === 0 && s.holdUntil ? { holdUntil: s.holdUntil } : {}) };
  const settlement = settlementOf(s);
  if (!settlement || !s.reservationId) return undefined;
  const key = `consulting:${s.paymentId}:${settlement.outcome}:${s.reservationId}`;
  if (settlement.outcome === 'release') return { kind: 'release', reservationId: s.reservationId, key };
  return { kind: 'capture', reservationId: s.reservationId, key, ...(settlement.points !== undefined ? { points: settlement.points } : {}) };
};

export const decide = (cmd: PointsPaymentCommand, s: PointsPayment): PointsPaymentEvent[] => {
  const at = cmd.metadata.now.toISOString();
  if (cmd.type === 'OpenPayment') {
    if (s.status !== 'none') return [];
    return [{ type: 'PointsPaymentOpened', data: { ...cmd.data, at } }];
  }
  if (s.status === 'none') throw new IllegalStateError('PAYMENT.NOT_OPEN', 'No points payment is open');
  const paymentId = s.paymentId;
  switch (cmd.type) {
    case 'SettlePayment':
      // The first settlement wins: a booking ends once.
      if (s.settle || FINISHED.includes(s.status)) return [];
      return [{ type: 'PointsPaymentSettling', data: { paymentId, ...cmd.data, at } }];
    case 'RecordReserved':
      if (s.status !== 'reserving') return [];
      return [{ type: 'PointsReserved', data: { paymentId, ...cmd.data, attempt: s.attempt, at } }];
    case 'RecordReservationRefused': {
      if (s.status !== 'reserving') return [];
      // Refused after delivery (a capture was due, the reservation gone): the price is owed, not waived.
      const owed = owedAfterDelivery(s);
      if (owed > 0) return [{ type: 'PointsPaymentOwed', data: { paymentId, ...cmd.data, points: owed, at } }];
      return [{ type: 'PointsReservationRefused', data: { paymentId, ...cmd.data, at } }];
    }
    case 'RecordReservationLapsed':
      if (s.status !== 'reserved' || !s.reservationId) return [];
      if (s.attempt + 1 >= MAX_RESERVE_ATTEMPTS) {
        return [{ type: 'PointsPaymentFailed', data: { paymentId, step: 'capture', code: 'PAYMENT.RESERVATION_LAPSED', detail: `points released the reservation ${MAX_RESERVE_ATTEMPTS} times`, at } }];
      }
      return [{ type: 'PointsReservationLapsed', data: { paymentId, reservationId: s.reservationId, at } }];
    case 'RecordCaptured':
      if (s.status !== 'reserved' || settlementOf(s)?.outcome !== 'capture') return [];
      return [{ type: 'PointsCaptured', data: { paymentId, reservationId: s.reservationId!, points: cmd.data.points, ...(cmd.data.released > 0 ? { released: cmd.data.released } : {}), at } }];
    case 'RecordReleased':
      if (s.status !== 'reserved' || settlementOf(s)?.outcome !== 'release') return [];
      return [{ type: 'PointsReleased', data: { paymentId, reservationId: s.reservationId!, at } }];
    case 'RecordSettlementFailed':
      if (FINISHED.includes(s.status)) return [];
      return [{ type: 'PointsPaymentFailed', data: { paymentId, ...cmd.data, at } }];
    case 'RecordDebt':
      if (s.status !== 'owed') return [];
      return [{ type: 'PointsDebtRecorded', data: { paymentId, points: cmd.data.points, at } }];
  }
};

export const pointsPaymentDecider = { decide, evolve, initialState };
