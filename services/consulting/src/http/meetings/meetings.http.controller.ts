import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@hope/eventstore';
import type { Logger } from 'pino';
import { AggregateHandlers, CLOCK, CurrentPrincipal, IDS, Idempotent, IllegalStateError, NotFoundError, PLATFORM_LOGGER, PROJECTIONS, Roles, type Clock, type IdSource, type PlatformResponse, type Principal } from '@hope/platform';
import { PointsPaymentSaga } from '../../application/points-payment.saga';
import { PAYMENTS_TABLE } from '../../projections/payments/payments.projection';
import { meetings } from '../../domain/meeting/meeting.aggregate';
import type { MeetingCommand } from '../../domain/meeting/meeting.decide';
import { MEETINGS_TABLE, REGISTRATIONS_TABLE, toMeeting, type MeetingRow } from '../../projections/meetings/meetings.projection';
import { AttendanceRequest, ListMeetingsQuery, MeetingIdParam, RegisterRequest, ScheduleMeetingRequest } from './meetings.request.dto';

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsHttpController {
  private readonly meetings;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    private readonly payments: PointsPaymentSaga,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {
    this.meetings = aggregates.for(meetings);
  }

  @Post()
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Schedule an exchange/matchmaking meeting, seminar or tour with a number of seats.' })
  async schedule(@Body() b: ScheduleMeetingRequest, @CurrentPrincipal() who: Principal) {
    const meetingId = this.ids.next();
    const data = { meetingId, kind: b.kind, title: b.title, startsAt: b.startsAt, endsAt: b.endsAt, venue: b.venue ?? null, online: b.online, seats: b.seats };
    await this.exec(meetingId, { type: 'ScheduleMeeting', data, actor: who, metadata: { now: this.clock.now() } }, meetingId);
    return this.get({ meetingId });
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Meetings that have not started, soonest first; `withFreeSeats=true` for those with a seat left.' })
  list(@Query() q: ListMeetingsQuery) {
    const free = q.withFreeSeats === 'true' ? 'AND seats_taken < seats' : '';
    const rows = this.projections.db
      .prepare<[string, number], MeetingRow>(`SELECT * FROM ${MEETINGS_TABLE} WHERE starts_at > ? ${free} ORDER BY starts_at, meeting_id LIMIT ?`)
      .all(this.clock.now().toISOString(), q.limit ?? 50);
    return { items: rows.map(toMeeting) };
  }

  @Get(':meetingId')
  @Roles(...ALL_ROLES)
  get(@Param() p: MeetingIdParam) {
    const row = this.projections.db.prepare<[string], MeetingRow>(`SELECT * FROM ${MEETINGS_TABLE} WHERE meeting_id = ?`).get(p.meetingId);
    if (!row) throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${p.meetingId}`);
    return toMeeting(row);
  }

  @Get(':meetingId/registrations')
  @Roles('operator', 'analyst', 'service')
  registrations(@Param() p: MeetingIdParam) {
    this.get(p);
    const rows = this.projections.db
      .prepare<[string], { participant_id: string; role: string; status: string; attended: number }>(
        `SELECT participant_id, role, status, attended FROM ${REGISTRATIONS_TABLE} WHERE meeting_id = ? ORDER BY status, since_position`,
      )
      .all(p.meetingId);
    return { items: rows.map((r) => ({ participantId: r.participant_id, role: r.role, status: r.status, attended: r.attended === 1 })) };
  }

  @Post(':meetingId/registrations')
  @Roles('expert', 'enterprise')
  @Idempotent()
  @ApiOperation({
    summary:
      '201 with a seat, 202 on the waiting list (promoted automatically when a seat frees), 409 MEETING.FULL if joinWaitingList=false. An expert pays a seminar, matchmaking or tour seat with points (reserved now, captured when it starts): 422 MEETING.PAYMENT_REFUSED if points refuse.',
  })
  async register(@Param() p: MeetingIdParam, @Body() b: RegisterRequest, @CurrentPrincipal() who: Principal, @Res({ passthrough: true }) res: PlatformResponse) {
    const result = await this.exec(p.meetingId, { type: 'RegisterForMeeting', data: { meetingId: p.meetingId, joinWaitingList: b.joinWaitingList ?? true }, actor: who, metadata: { now: this.clock.now() } });
    const seated = result.state.status === 'scheduled' && result.state.holders.some((h) => h.participantId === who.subject);
    const payment = seated ? await this.settleSeat(p.meetingId, who.subject) : undefined;
    if (payment?.status === 'refused') throw new IllegalStateError('MEETING.PAYMENT_REFUSED', 'The points service refused to pay for this seat; it was given back', { status: 422 });
    res.status(seated ? 201 : 202);
    return { meetingId: p.meetingId, participantId: who.subject, status: seated ? 'seated' : 'waiting', pointsPayment: payment ? { status: payment.status, points: payment.points ?? null } : null };
  }

  @Delete(':meetingId/registrations/mine')
  @HttpCode(200)
  @Roles('expert', 'enterprise')
  async cancel(@Param() p: MeetingIdParam, @CurrentPrincipal() who: Principal) {
    await this.exec(p.meetingId, { type: 'CancelRegistration', data: { meetingId: p.meetingId }, actor: who, metadata: { now: this.clock.now() } });
    await this.settleSeat(p.meetingId, who.subject);
    // Whoever was promoted into the freed seat now owes it.
    const unpaid = this.projections.db
      .prepare<[string], { participant_id: string }>(
        `SELECT r.participant_id FROM ${REGISTRATIONS_TABLE} r LEFT JOIN ${PAYMENTS_TABLE} x ON x.meeting_id = r.meeting_id AND x.participant_id = r.participant_id
         WHERE r.meeting_id = ? AND r.status = 'seated' AND r.role = 'expert' AND x.payment_id IS NULL`,
      )
      .all(p.meetingId);
    for (const u of unpaid) await this.settleSeat(p.meetingId, u.participant_id);
    return this.get(p);
  }

  @Post(':meetingId/attendance')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Record that a seat holder attended; an expert attendee earns points (MeetingAttended).' })
  async attend(@Param() p: MeetingIdParam, @Body() b: AttendanceRequest, @CurrentPrincipal() who: Principal) {
    await this.exec(p.meetingId, { type: 'RecordAttendance', data: { meetingId: p.meetingId, participantId: b.participantId }, actor: who, metadata: { now: this.clock.now() } });
    return { meetingId: p.meetingId, participantId: b.participantId, attended: true };
  }

  /** Pays or gives back a seat now; if points is unreachable the resume job finishes it. */
  private async settleSeat(meetingId: string, participantId: string) {
    try {
      return await this.payments.syncSeat(meetingId, participantId);
    } catch (error) {
      this.logger.warn({ err: error, meetingId, participantId }, 'seat payment deferred to the resume job');
      return undefined;
    }
  }

  private exec(meetingId: string, command: MeetingCommand, commandId = this.ids.next()) {
    return this.meetings.handle(meetingId, command, { commandId });
  }
}
