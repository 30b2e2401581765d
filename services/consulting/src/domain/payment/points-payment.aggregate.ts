import { aggregate } from '@hope/kernel';
import { pointsPaymentDecider, type PointsPaymentCommand } from './points-payment.decide';
import { paymentStream } from './points-payment.events';

/**
 * One points payment (the saga's record), keyed by payment id. Every step is named after its command
 * (`consulting.payment.<CommandType>`) as first written: the names feed the event ids.
 */
export const pointsPayments = aggregate({
  name: 'consulting.points-payment',
  streamOf: (paymentId: string) => paymentStream(paymentId),
  decider: pointsPaymentDecider,
  retries: 10,
  handlerNames: {
    OpenPayment: 'consulting.payment.OpenPayment',
    SettlePayment: 'consulting.payment.SettlePayment',
    RecordReserved: 'consulting.payment.RecordReserved',
    RecordReservationRefused: 'consulting.payment.RecordReservationRefused',
    RecordReservationLapsed: 'consulting.payment.RecordReservationLapsed',
    RecordCaptured: 'consulting.payment.RecordCaptured',
    RecordReleased: 'consulting.payment.RecordReleased',
    RecordSettlementFailed: 'consulting.payment.RecordSettlementFailed',
    RecordDebt: 'consulting.payment.RecordDebt',
  } satisfies Record<PointsPaymentCommand['type'], string>,
});
