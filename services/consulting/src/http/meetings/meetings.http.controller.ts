import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { AggregateHandlers, ApiProblems, CLOCK, CommandMeta, CurrentPrincipal, Idempotent, IDS, PLATFORM_LOGGER, Query, Roles, type Clock, type IdSource, type PlatformResponse, type Principal, type ProblemSpec } from '@hope/platform';
import { cancelRegistration } from '../../application/meetings/cancel-registration.use-case';
import type { MeetingDeps } from '../../application/meetings/meeting-deps';
import { meetingRegistrations, meetingView, upcomingMeetings } from '../../application/meetings/meeting-views';
import { recordAttendance } from '../../application/meetings/record-attendance.use-case';
import { registerForMeeting } from '../../application/meetings/register-for-meeting.use-case';
import { scheduleMeeting } from '../../application/meetings/schedule-meeting.use-case';
import { PointsPaymentSaga } from '../../application/points-payment.saga';
import { meetings } from '../../domain/meeting/meeting.aggregate';
import { MeetingsQueries } from '../../projections/meetings/meetings.queries';
import { PaymentsQueries } from '../../projections/payments/payments.queries';
import { AttendanceRequest, ListMeetingsQuery, MeetingIdParam, RegisterRequest, ScheduleMeetingRequest } from './meetings.request.dto';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { MeetingsAttendResponse, MeetingsListResponse, MeetingsRegistrationsResponse, MeetingsScheduleResponse, RegisteredView } from './meetings.response.dto';

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;

// The problems the meeting operations answer (decision 0034: documented codes are the answered ones).
const NOT_FOUND: ProblemSpec = { status: 404, code: 'MEETING.NOT_FOUND', detail: 'No meeting 7c9e6679-7425-40de-944b-e07fc1f90ae7' };
const NOT_REGISTERED: ProblemSpec = { status: 409, code: 'MEETING.NOT_REGISTERED', detail: 'Not registered for this meeting' };
const NO_SEAT: ProblemSpec = { status: 409, code: 'MEETING.NO_SEAT', detail: 'exp-1 holds no seat' };
const NOT_STARTED: ProblemSpec = { status: 409, code: 'MEETING.NOT_STARTED', detail: 'The meeting starts at 2030-04-01T09:00:00.000Z' };

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsHttpController {
  private readonly deps: MeetingDeps;

  constructor(
    aggregates: AggregateHandlers,
    meetingViews: MeetingsQueries,
    payments: PaymentsQueries,
    saga: PointsPaymentSaga,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) ids: IdSource,
    @Inject(PLATFORM_LOGGER) logger: Logger,
  ) {
    this.deps = { meetings: aggregates.for(meetings), meetingViews, payments, saga, clock, ids, logger };
  }

  @Post()
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Schedule an exchange/matchmaking meeting, seminar or tour with a number of seats.' })
  @ApiCreatedResponse({ type: MeetingsScheduleResponse })
  @ApiProblems({ status: 400, code: 'REQUEST.INVALID', detail: 'startsAt must be in the future', fields: [{ field: 'startsAt', reason: 'must be in the future' }] })
  schedule(@Body() b: ScheduleMeetingRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta) {
    return scheduleMeeting(this.deps, who, { kind: b.kind, title: b.title, startsAt: b.startsAt, endsAt: b.endsAt, venue: b.venue ?? null, online: b.online, seats: b.seats }, meta);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Meetings that have not started, soonest first; `withFreeSeats=true` for those with a seat left.' })
  @ApiOkResponse({ type: MeetingsListResponse })
  list(@Query() q: ListMeetingsQuery) {
    return upcomingMeetings(this.deps.meetingViews, this.deps.clock.now(), { withFreeSeats: q.withFreeSeats === 'true', limit: q.limit ?? 50 });
  }

  @Get(':meetingId')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One meeting with its seats taken and left.' })
  @ApiOkResponse({ type: MeetingsScheduleResponse })
  @ApiProblems(NOT_FOUND)
  get(@Param() p: MeetingIdParam) {
    return meetingView(this.deps.meetingViews, p.meetingId);
  }

  @Get(':meetingId/registrations')
  @Roles('operator', 'analyst', 'service')
  @ApiOperation({ summary: 'The seat holders of a meeting.' })
  @ApiOkResponse({ type: MeetingsRegistrationsResponse })
  @ApiProblems(NOT_FOUND)
  registrations(@Param() p: MeetingIdParam) {
    return meetingRegistrations(this.deps.meetingViews, p.meetingId);
  }

  @Post(':meetingId/registrations')
  @Roles('expert', 'enterprise')
  @Idempotent()
  @ApiOperation({
    summary:
      '201 with a seat, 202 on the waiting list (promoted automatically when a seat frees), 409 MEETING.FULL if joinWaitingList=false. An expert pays a seminar, matchmaking or tour seat with points (reserved now, captured when it starts): 422 MEETING.PAYMENT_REFUSED if points refuse.',
  })
  @ApiCreatedResponse({ type: RegisteredView, description: 'Seated (a paid seat: its points reserved)' })
  @ApiAcceptedResponse({ type: RegisteredView, description: 'Every seat is taken: on the waiting list (joinWaitingList), seated when one frees' })
  @ApiProblems(
    NOT_FOUND,
    { status: 409, code: 'MEETING.FULL', detail: 'All 30 seats are taken' },
    { status: 409, code: 'MEETING.ALREADY_REGISTERED', detail: 'Already registered or waiting' },
    { status: 409, code: 'MEETING.REGISTRATION_CLOSED', detail: 'The meeting has started' },
    { status: 422, code: 'MEETING.PAYMENT_REFUSED', detail: 'The points service refused to pay for this seat; it was given back' },
  )
  async register(@Param() p: MeetingIdParam, @Body() b: RegisterRequest, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta, @Res({ passthrough: true }) res: PlatformResponse) {
    const registered = await registerForMeeting(this.deps, who, p.meetingId, b.joinWaitingList ?? true, meta);
    res.status(registered.status === 'seated' ? 201 : 202);
    return registered;
  }

  @Delete(':meetingId/registrations/mine')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  @ApiOperation({ summary: 'Give my seat back.' })
  @ApiOkResponse({ type: MeetingsScheduleResponse })
  @ApiProblems(NOT_FOUND, NOT_REGISTERED)
  cancel(@Param() p: MeetingIdParam, @CurrentPrincipal() who: Principal) {
    return cancelRegistration(this.deps, who, p.meetingId);
  }

  @Post(':meetingId/attendance')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Record that a seat holder attended; an expert attendee earns points (MeetingAttended).' })
  @ApiOkResponse({ type: MeetingsAttendResponse })
  @ApiProblems(NOT_FOUND, NO_SEAT, NOT_STARTED)
  attend(@Param() p: MeetingIdParam, @Body() b: AttendanceRequest, @CurrentPrincipal() who: Principal) {
    return recordAttendance(this.deps, who, p.meetingId, b.participantId);
  }
}
