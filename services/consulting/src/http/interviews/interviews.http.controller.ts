import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AggregateHandlers, CLOCK, CurrentPrincipal, IDS, Idempotent, IllegalStateError, NotFoundError, PLATFORM_LOGGER, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { ComplianceGate } from '../../application/compliance-gate';
import { PointsPaymentSaga } from '../../application/points-payment.saga';
import { calendars } from '../../domain/interview/interview.aggregate';
import type { InterviewCommand } from '../../domain/interview/interview.commands';
import { BookingsQuery } from '../../projections/bookings/bookings.query';
import {
  AcceptInterviewRequest,
  AttestationRequest,
  CompletionRequest,
  CounterProposeRequest,
  EmptyRequest,
  InterviewIdParam,
  ListBookingsQuery,
  NoShowRequest,
  RatingRequest,
  ReasonRequest,
  RequestInterviewRequest,
} from './interviews.request.dto';

type Act = Exclude<InterviewCommand, { type: 'RequestInterview' | 'ExpireInterview' | 'RecordConflictCheck' }>;
type ActData<T extends Act['type']> = Extract<Act, { type: T }>['data'];

const actorOf = (p: Principal): Principal => ({ role: p.role, subject: p.subject, ...(p.organisationId ? { organisationId: p.organisationId } : {}) });

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('interviews')
export class InterviewsHttpController {
  private readonly calendars;

  constructor(
    aggregates: AggregateHandlers,
    private readonly bookings: BookingsQuery,
    private readonly payments: PointsPaymentSaga,
    private readonly gate: ComplianceGate,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {
    this.calendars = aggregates.for(calendars);
  }

  @Post()
  @Roles('enterprise', 'expert')
  @Idempotent()
  @ApiOperation({
    summary: "Request an interview (30-120 min) proposing up to three start times within the expert's availability; it expires unanswered after 72 h. " +
      "Enterprises pay by contract or with their organisation's points; experts may book a peer, paying with their own points.",
  })
  async request(@Body() body: RequestInterviewRequest, @CurrentPrincipal() who: Principal) {
    const interviewId = this.ids.next();
    const command: InterviewCommand = {
      type: 'RequestInterview',
      data: { interviewId, expertId: body.expertId, topic: body.topic, durationMinutes: body.durationMinutes, slots: body.slots, payment: body.payment ?? 'contract' },
      actor: actorOf(who),
      metadata: { now: this.clock.now() },
    };
    await this.calendars.handle(body.expertId, command, { commandId: interviewId });
    return this.bookings.get(who, interviewId);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Bookings by expert / by enterprise, with status; an enterprise sees its own, an expert theirs, operators all.' })
  list(@Query() query: ListBookingsQuery, @CurrentPrincipal() who: Principal) {
    return this.bookings.list(who, query);
  }

  @Get(':interviewId')
  @Roles('enterprise', 'expert', 'operator', 'analyst', 'service')
  get(@Param() p: InterviewIdParam, @CurrentPrincipal() who: Principal) {
    return this.bookings.get(who, p.interviewId);
  }

  @Post(':interviewId/acceptance')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @Idempotent()
  @ApiOperation({
    summary:
      'Accept one proposed slot (the expert a request, the enterprise a counter-proposal); 409 INTERVIEW.SLOT_TAKEN if it overlaps a booked call; ' +
      '400 INTERVIEW.BEYOND_POINTS_HOLD if a call paid by points would end later than 180 days minus 7 days from now.',
  })
  accept(@Param() p: InterviewIdParam, @Body() b: AcceptInterviewRequest, @CurrentPrincipal() who: Principal) {
    return this.act('AcceptInterview', p.interviewId, { interviewId: p.interviewId, start: b.start }, who);
  }

  @Post(':interviewId/counter-proposal')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  counterPropose(@Param() p: InterviewIdParam, @Body() b: CounterProposeRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CounterProposeInterview', p.interviewId, { interviewId: p.interviewId, slots: b.slots }, who);
  }

  @Post(':interviewId/decline')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  decline(@Param() p: InterviewIdParam, @Body() b: ReasonRequest, @CurrentPrincipal() who: Principal) {
    return this.act('DeclineInterview', p.interviewId, { interviewId: p.interviewId, ...(b.reason ? { reason: b.reason } : {}) }, who);
  }

  @Post(':interviewId/attestation')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: "The expert's compliance attestation for this call; a negative one fails the gate." })
  attest(@Param() p: InterviewIdParam, @Body() b: AttestationRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RecordAttestation', p.interviewId, { interviewId: p.interviewId, ...b }, who);
  }

  @Post(':interviewId/conflict-check')
  @HttpCode(200)
  @Roles('expert', 'enterprise', 'operator', 'service')
  @Idempotent()
  @ApiOperation({
    summary:
      "Ask matching's conflict check again (it runs by itself once the slot is agreed and the expert attested; use this after a 503). " +
      '422 INTERVIEW.CONFLICT_CHECK_FAILED when matching does not clear the expert, 503 INTERVIEW.CONFLICT_CHECK_UNAVAILABLE when it cannot answer, 409 when no check is due.',
  })
  // The body must be empty: the answer comes from matching, never from the caller (`{passed}` is refused).
  async conflictCheck(@Param() p: InterviewIdParam, @Body() _none: EmptyRequest, @CurrentPrincipal() who: Principal) {
    const booking = this.bookings.get(who, p.interviewId);
    if (booking.status === 'gate-failed') throw new IllegalStateError('INTERVIEW.GATE_FAILED', 'The compliance gate failed for this call; it cannot be confirmed');
    const due = booking.status === 'accepted' && booking.compliance.attestationPassed === true && booking.compliance.conflictCheckPassed === null;
    if (!due && booking.compliance.conflictCheckPassed === null) {
      throw new IllegalStateError('INTERVIEW.CONFLICT_CHECK_NOT_DUE', 'The conflict check runs once the slot is agreed and the expert has attested');
    }
    await this.gate.checkIfDue(booking.expertId, p.interviewId);
    if (booking.payment === 'points') await this.settlePayment(booking.expertId, p.interviewId);
    return this.bookings.get(who, p.interviewId);
  }

  @Post(':interviewId/reschedule')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @Idempotent()
  reschedule(@Param() p: InterviewIdParam, @Body() b: AcceptInterviewRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RescheduleInterview', p.interviewId, { interviewId: p.interviewId, start: b.start }, who);
  }

  @Post(':interviewId/cancellation')
  @HttpCode(200)
  @Roles('expert', 'enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Cancel; the policy (who, how late) sets refundPercent.' })
  cancel(@Param() p: InterviewIdParam, @Body() b: ReasonRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CancelInterview', p.interviewId, { interviewId: p.interviewId, reason: b.reason ?? '' }, who);
  }

  @Post(':interviewId/completion')
  @HttpCode(200)
  @Roles('expert', 'operator')
  @Idempotent()
  complete(@Param() p: InterviewIdParam, @Body() b: CompletionRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CompleteInterview', p.interviewId, { interviewId: p.interviewId, actualMinutes: b.actualMinutes }, who);
  }

  @Post(':interviewId/ratings')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @Idempotent()
  rate(@Param() p: InterviewIdParam, @Body() b: RatingRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RateInterview', p.interviewId, { interviewId: p.interviewId, score: b.score, ...(b.comment ? { comment: b.comment } : {}) }, who);
  }

  @Post(':interviewId/no-show')
  @HttpCode(200)
  @Roles('expert', 'enterprise', 'operator')
  @Idempotent()
  noShow(@Param() p: InterviewIdParam, @Body() b: NoShowRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RecordNoShow', p.interviewId, { interviewId: p.interviewId, absent: b.absent }, who);
  }

  /** The interview's stream is its expert's calendar; the read model knows which expert. */
  private async act<T extends Act['type']>(type: T, interviewId: string, data: ActData<T>, who: Principal) {
    const row = this.bookings.row(interviewId);
    if (!row) throw new NotFoundError('INTERVIEW.NOT_FOUND', `No interview ${interviewId}`);
    const command = { type, data, actor: actorOf(who), metadata: { now: this.clock.now() } } as InterviewCommand;
    const result = await this.calendars.handle(row.expert_id, command, { commandId: this.ids.next() });
    // The last open step of the gate (an attestation on an agreed slot, an acceptance after it) asks matching.
    await this.gate.checkIfDue(row.expert_id, interviewId, result.state);
    if (row.payment === 'points') await this.settlePayment(row.expert_id, interviewId);
    return this.bookings.get(who, interviewId);
  }

  /**
   * Reserve / capture / release right away; if points cannot be reached the booking change stands
   * and the resume job finishes the payment (every step is already recorded).
   */
  private async settlePayment(expertId: string, interviewId: string): Promise<void> {
    try {
      await this.payments.syncInterview(expertId, interviewId);
    } catch (error) {
      this.logger.warn({ err: error, interviewId }, 'points payment deferred to the resume job');
    }
  }
}
