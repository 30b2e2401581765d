import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AggregateHandlers, CLOCK, PLATFORM_LOGGER, RemoteProblemError, type Clock } from '@hope/platform';
import { calendars } from '../domain/interview/interview.aggregate';
import { interviewOf } from '../domain/interview/interview.state';
import { meetings } from '../domain/meeting/meeting.aggregate';
import { pointsPayments } from '../domain/payment/points-payment.aggregate';
import { nextStep, type PaymentStep, type PointsPayment, type PointsPaymentCommand } from '../domain/payment/points-payment.decide';
import { interviewPaymentId, paymentDebtId, seatPaymentId, type PaymentPurpose } from '../domain/payment/points-payment.events';
import { INTERVIEW_ITEM, SEAT_ITEMS, interviewPayer, pointsHoldFor, interviewPaymentWanted, seatPaymentWanted, type PaymentWanted } from '../domain/rules/payment-policy';
import { PointsGateway } from './points-gateway';

/**
 * The points payment saga (a process manager). It reads what a booking wants (policy), records the
 * intent in the payment stream, calls points, records the answer. Every step is an event and every
 * call has a key derived from the payment id, so calling `sync*` again — after a crash, from the
 * resume job, twice at once — continues where the store says it stopped and changes points once.
 */
@Injectable()
export class PointsPaymentSaga {
  private readonly calendars;
  private readonly meetings;
  private readonly payments;

  constructor(
    aggregates: AggregateHandlers,
    private readonly points: PointsGateway,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {
    this.calendars = aggregates.for(calendars);
    this.meetings = aggregates.for(meetings);
    this.payments = aggregates.for(pointsPayments);
  }

  /** An interview paid by points: reserve on confirm, capture on completion, release on a refund. */
  async syncInterview(expertId: string, interviewId: string): Promise<PointsPayment | undefined> {
    const calendar = await this.calendars.load(expertId);
    const i = interviewOf(calendar, interviewId);
    if (!i) return undefined;
    const paymentId = interviewPaymentId(interviewId);
    const holdUntil = i.slot ? pointsHoldFor(i.slot.end, this.clock.now()) : undefined;
    const payment = await this.apply(
      paymentId,
      { payerId: interviewPayer(i), itemId: INTERVIEW_ITEM, purpose: { kind: 'interview', interviewId, expertId }, ...(holdUntil ? { holdUntil } : {}) },
      interviewPaymentWanted(i),
    );
    if (payment?.status === 'refused') {
      // Compensation: the call is off and its slot free again.
      await this.calendars.handle(expertId, { type: 'FailInterviewPayment', data: { interviewId, code: 'POINTS.RESERVATION_REFUSED' }, metadata: { now: this.clock.now() } }, { commandId: `${paymentId}:refused` });
    }
    return payment;
  }

  /** A seat paid by points: reserved while held, captured once the meeting started, released if given up. */
  async syncSeat(meetingId: string, participantId: string, depth = 0): Promise<PointsPayment | undefined> {
    const meeting = await this.meetings.load(meetingId);
    if (meeting.status !== 'scheduled') return undefined;
    const paymentId = seatPaymentId(meetingId, participantId);
    const existing = await this.payments.load(paymentId);
    const seat = meeting.holders.find((h) => h.participantId === participantId);
    const started = this.clock.now().getTime() >= Date.parse(meeting.startsAt);
    const wanted = seatPaymentWanted({ holds: seat !== undefined, itemId: SEAT_ITEMS[meeting.kind], role: seat?.role ?? 'expert' }, started, existing.status !== 'none');
    const payment = await this.apply(paymentId, { payerId: participantId, itemId: SEAT_ITEMS[meeting.kind] ?? '', purpose: { kind: 'seat', meetingId, participantId } }, wanted);
    if (payment?.status === 'refused' && seat) {
      const result = await this.meetings.handle(
        meetingId,
        { type: 'ReleaseUnpaidSeat', data: { meetingId, participantId, code: 'POINTS.RESERVATION_REFUSED' }, metadata: { now: this.clock.now() } },
        { commandId: `${paymentId}:refused` },
      );
      // The freed seat went to the head of the waiting list, who now owes their seat.
      const before = new Set(meeting.holders.map((h) => h.participantId));
      const promoted = result.state.status === 'scheduled' ? result.state.holders.filter((h) => !before.has(h.participantId)) : [];
      if (depth < 50) for (const p of promoted) await this.syncSeat(meetingId, p.participantId, depth + 1);
    }
    return payment;
  }

  private async apply(paymentId: string, open: { payerId: string; itemId: string; purpose: PaymentPurpose; holdUntil?: string }, wanted: PaymentWanted): Promise<PointsPayment | undefined> {
    if (!wanted.open) return undefined;
    const now = this.clock.now();
    await this.record(paymentId, { type: 'OpenPayment', data: { paymentId, ...open }, metadata: { now } }, 'open');
    if (wanted.settle) await this.record(paymentId, { type: 'SettlePayment', data: wanted.settle, metadata: { now } }, 'settle');
    return this.advance(paymentId);
  }

  /** Makes the calls the payment still owes points, recording each answer. */
  async advance(paymentId: string): Promise<PointsPayment> {
    // Each step records an answer that moves the state on; the bound only guards against a bug looping.
    for (let n = 0; ; n++) {
      const s = await this.payments.load(paymentId);
      const step = nextStep(s);
      if (!step || n >= 8) return s;
      await this.perform(s, step);
    }
  }

  private async perform(s: PointsPayment, step: PaymentStep): Promise<void> {
    const now = () => this.clock.now();
    const problem = (error: unknown): RemoteProblemError | undefined => {
      // 5xx and unreachable: rethrown, the resume job tries again with the same key.
      if (error instanceof RemoteProblemError && error.status < 500) return error;
      throw error;
    };
    switch (step.kind) {
      case 'reserve':
        try {
          const r = await this.points.reserve(s.payerId, s.itemId, step.key, step.holdUntil);
          return this.record(s.paymentId, { type: 'RecordReserved', data: { reservationId: r.reservationId, points: r.points }, metadata: { now: now() } }, step.key);
        } catch (error) {
          const p = problem(error)!;
          return this.record(s.paymentId, { type: 'RecordReservationRefused', data: { code: p.remoteCode, detail: p.message }, metadata: { now: now() } }, step.key);
        }
      case 'capture':
        try {
          const r = await this.points.capture(s.payerId, step.reservationId, step.key, step.points);
          const captured = r.captured ?? step.points ?? s.points ?? 0;
          return this.record(s.paymentId, { type: 'RecordCaptured', data: { points: captured, released: r.released ?? (s.points ?? captured) - captured }, metadata: { now: now() } }, `${step.key}:${r.status}`);
        } catch (error) {
          const p = problem(error)!;
          // 409: points released it on its own (reservation timeout): reserve again, then capture.
          if (p.status === 409) return this.record(s.paymentId, { type: 'RecordReservationLapsed', metadata: { now: now() } }, step.key);
          return this.failed(s, 'capture', p, step.key);
        }
      case 'release':
        try {
          await this.points.release(s.payerId, step.reservationId, step.key);
          return this.record(s.paymentId, { type: 'RecordReleased', metadata: { now: now() } }, step.key);
        } catch (error) {
          return this.failed(s, 'release', problem(error)!, step.key);
        }
      case 'debt': {
        // A 4xx here is a bug on our side (the body is ours): it throws and the resume job retries, logged, rather than waiving the debt.
        const what = s.purpose?.kind === 'seat' ? `seat at meeting ${s.purpose.meetingId}` : `interview ${s.purpose?.kind === 'interview' ? s.purpose.interviewId : s.paymentId}`;
        await this.points.recordDebt(s.payerId, { debtId: paymentDebtId(s.paymentId), points: step.points, reason: `${what} delivered; its points payment was refused` }, step.key);
        return this.record(s.paymentId, { type: 'RecordDebt', data: { points: step.points }, metadata: { now: now() } }, step.key);
      }
    }
  }

  private async failed(s: PointsPayment, step: 'capture' | 'release', p: RemoteProblemError, key: string): Promise<void> {
    this.logger.error({ paymentId: s.paymentId, step, code: p.remoteCode }, 'points payment needs an operator');
    await this.record(s.paymentId, { type: 'RecordSettlementFailed', data: { step, code: p.remoteCode, detail: p.message }, metadata: { now: this.clock.now() } }, `${key}:failed`);
  }

  private async record(paymentId: string, command: PointsPaymentCommand, step: string): Promise<void> {
    await this.payments.handle(paymentId, command, { commandId: `${paymentId}:${step}` });
  }
}
