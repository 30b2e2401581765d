import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AggregateHandlers, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, IDS, PLATFORM_LOGGER, Query, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { ComplianceGate } from '../../application/compliance-gate';
import { listBookings, visibleBooking } from '../../application/interviews/bookings-access';
import { changeInterview, type InterviewChange, type InterviewChangeOf } from '../../application/interviews/change-interview.use-case';
import type { InterviewDeps } from '../../application/interviews/interview-deps';
import { requestInterview } from '../../application/interviews/request-interview.use-case';
import { retryConflictCheck } from '../../application/interviews/retry-conflict-check.use-case';
import { PointsPaymentSaga } from '../../application/points-payment.saga';
import { knownDemands, knownExperts } from '../../domain/directory/directory.aggregate';
import { calendars } from '../../domain/interview/interview.aggregate';
import { BookingsQueries } from '../../projections/bookings/bookings.queries';
import { PaymentsQueries } from '../../projections/payments/payments.queries';
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
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { BookingWithPaymentView, BookingsPageView } from './interviews.response.dto';
import { ApiProblems, BAD_CURSOR_PROBLEM } from '@hope/platform';
import { BEYOND_POINTS_HOLD, EXPIRED, GATE, INVALID, NOT_A_PARTY, NOT_FOUND, NOT_STARTED, OTHER_TENANT, OUTSIDE_AVAILABILITY, SLOT_TAKEN, UNKNOWN_EXPERT, WRONG_STATUS } from './interview.problems';

const actorOf = (p: Principal): Principal => ({ role: p.role, subject: p.subject, ...(p.organisationId ? { organisationId: p.organisationId } : {}) });

@ApiTags('interviews')
@ApiBearerAuth()
@Controller('interviews')
export class InterviewsHttpController {
  private readonly deps: InterviewDeps;

  constructor(
    aggregates: AggregateHandlers,
    bookings: BookingsQueries,
    payments: PaymentsQueries,
    saga: PointsPaymentSaga,
    gate: ComplianceGate,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) ids: IdSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    this.deps = { calendars: aggregates.for(calendars), known: { experts: aggregates.for(knownExperts), demands: aggregates.for(knownDemands) }, bookings, payments, saga, gate, clock, ids, logger };
  }

  @Post()
  @Roles('enterprise', 'expert')
  @Idempotent()
  @ApiOperation({
    summary: "Request an interview (30-120 min) proposing up to three start times within the expert's availability; it expires unanswered after 72 h. " +
      "Enterprises pay by contract or with their organisation's points; experts may book a peer, paying with their own points.",
  })
  @ApiCreatedResponse({ type: BookingWithPaymentView })
  @ApiProblems(SLOT_TAKEN, OUTSIDE_AVAILABILITY, BEYOND_POINTS_HOLD, INVALID('durationMinutes', 'must be a whole number of minutes from 30 to 120'), UNKNOWN_EXPERT, OTHER_TENANT, { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may request an interview (enterprises; experts paying with their points)' })
  request(@Body() body: RequestInterviewRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    const { expertId, topic, durationMinutes, slots } = body;
    return requestInterview(this.deps, actorOf(who), { expertId, topic, durationMinutes, slots, payment: body.payment ?? 'contract' }, meta);
  }

  @Get()
  @Roles('enterprise', 'expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'Bookings by expert / by enterprise, with status; an enterprise sees its own, an expert theirs, operators all.' })
  @ApiOkResponse({ type: BookingsPageView })
  @ApiProblems(OTHER_TENANT, BAD_CURSOR_PROBLEM)
  list(@Query() query: ListBookingsQuery, @CurrentPrincipal() who: Principal) {
    return listBookings(this.deps, who, query);
  }

  @Get(':interviewId')
  @Roles('enterprise', 'expert', 'operator', 'analyst', 'service')
  @ApiOperation({ summary: 'One booking with its slots, status and payment: its enterprise, its expert and staff only.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND)
  get(@Param() p: InterviewIdParam, @CurrentPrincipal() who: Principal) {
    return visibleBooking(this.deps, who, p.interviewId);
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
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, EXPIRED, SLOT_TAKEN, BEYOND_POINTS_HOLD, OUTSIDE_AVAILABILITY, INVALID('start', 'must be one of the proposed slots'))
  accept(@Param() p: InterviewIdParam, @Body() b: AcceptInterviewRequest, @CurrentPrincipal() who: Principal) {
    return this.act('AcceptInterview', p.interviewId, { interviewId: p.interviewId, start: b.start }, who);
  }

  @Post(':interviewId/counter-proposal')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'The expert proposes other slots instead of the requested ones.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, EXPIRED)
  counterPropose(@Param() p: InterviewIdParam, @Body() b: CounterProposeRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CounterProposeInterview', p.interviewId, { interviewId: p.interviewId, slots: b.slots }, who);
  }

  @Post(':interviewId/decline')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: 'The expert declines the request, with an optional reason.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS)
  decline(@Param() p: InterviewIdParam, @Body() b: ReasonRequest, @CurrentPrincipal() who: Principal) {
    return this.act('DeclineInterview', p.interviewId, { interviewId: p.interviewId, ...(b.reason ? { reason: b.reason } : {}) }, who);
  }

  @Post(':interviewId/attestation')
  @HttpCode(200)
  @Roles('expert')
  @Idempotent()
  @ApiOperation({ summary: "The expert's compliance attestation for this call; a negative one fails the gate." })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, { status: 409, code: 'INTERVIEW.ALREADY_ATTESTED', detail: 'The expert already attested for this call' }, ...GATE)
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
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, { status: 409, code: 'INTERVIEW.CONFLICT_CHECK_NOT_DUE', detail: 'The conflict check runs once the slot is agreed and the expert has attested' }, { status: 409, code: 'INTERVIEW.GATE_FAILED', detail: 'The compliance gate failed for this call; it cannot be confirmed' }, ...GATE)
  conflictCheck(@Param() p: InterviewIdParam, @Body() _none: EmptyRequest, @CurrentPrincipal() who: Principal) {
    return retryConflictCheck(this.deps, who, p.interviewId);
  }

  @Post(':interviewId/reschedule')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Move an accepted call to another start time.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, SLOT_TAKEN, OUTSIDE_AVAILABILITY, { status: 409, code: 'INTERVIEW.TOO_MANY_RESCHEDULES', detail: 'A call may be moved at most 2 times' }, { status: 409, code: 'INTERVIEW.TOO_LATE_TO_RESCHEDULE', detail: 'A call may be moved up to 24 h before it starts' }, { status: 409, code: 'INTERVIEW.RESCHEDULE_BEYOND_POINTS_HOLD', detail: "This call's points are held until 2030-04-01T08:00:00.000Z: it can be moved to end by 2030-03-31T08:00:00.000Z at the latest; to move it further, cancel it and book again" })
  reschedule(@Param() p: InterviewIdParam, @Body() b: AcceptInterviewRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RescheduleInterview', p.interviewId, { interviewId: p.interviewId, start: b.start }, who);
  }

  @Post(':interviewId/cancellation')
  @HttpCode(200)
  @Roles('expert', 'enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Cancel; the policy (who, how late) sets refundPercent.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS)
  cancel(@Param() p: InterviewIdParam, @Body() b: ReasonRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CancelInterview', p.interviewId, { interviewId: p.interviewId, reason: b.reason ?? '' }, who);
  }

  @Post(':interviewId/completion')
  @HttpCode(200)
  @Roles('expert', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Record that the call took place and how long it lasted; the payment is captured.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, NOT_STARTED, INVALID('actualMinutes', 'must be a whole number from 1 to 240'))
  complete(@Param() p: InterviewIdParam, @Body() b: CompletionRequest, @CurrentPrincipal() who: Principal) {
    return this.act('CompleteInterview', p.interviewId, { interviewId: p.interviewId, actualMinutes: b.actualMinutes }, who);
  }

  @Post(':interviewId/ratings')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @Idempotent()
  @ApiOperation({ summary: 'Rate a completed call (1-5) with an optional comment.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, { status: 409, code: 'INTERVIEW.ALREADY_RATED', detail: 'The expert already rated this call' })
  rate(@Param() p: InterviewIdParam, @Body() b: RatingRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RateInterview', p.interviewId, { interviewId: p.interviewId, score: b.score, ...(b.comment ? { comment: b.comment } : {}) }, who);
  }

  @Post(':interviewId/no-show')
  @HttpCode(200)
  @Roles('expert', 'enterprise', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Record that a party did not attend; the policy decides the refund.' })
  @ApiOkResponse({ type: BookingWithPaymentView })
  @ApiProblems(NOT_FOUND, NOT_A_PARTY, WRONG_STATUS, NOT_STARTED)
  noShow(@Param() p: InterviewIdParam, @Body() b: NoShowRequest, @CurrentPrincipal() who: Principal) {
    return this.act('RecordNoShow', p.interviewId, { interviewId: p.interviewId, absent: b.absent }, who);
  }

  private act<T extends InterviewChange['type']>(type: T, interviewId: string, data: InterviewChangeOf<T>['data'], who: Principal) {
    return changeInterview(this.deps, actorOf(who), interviewId, { type, data });
  }
}
