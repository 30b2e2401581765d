import { Body, Controller, Get, Header, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ProjectionRunner } from '@hope/eventstore';
import { AggregateHandlers, CLOCK, CurrentPrincipal, ForbiddenError, IDS, NotFoundError, PROJECTIONS, Roles, ValidationError, type Clock, type IdSource, type Principal } from '@hope/platform';
import { formatInZone, freeStarts, isTimeZone } from '../../domain/availability/availability';
import { calendars } from '../../domain/interview/interview.aggregate';
import { HOLDS_SLOT } from '../../domain/interview/interview.state';
import { AVAILABILITY_TABLE, toAvailability, type AvailabilityRow } from '../../projections/availability/availability.projection';
import { BOOKINGS_TABLE, type BookingRow } from '../../projections/bookings/bookings.projection';
import { ExpertIdParam, FreeSlotsQuery, PublishAvailabilityRequest } from './experts.request.dto';
import { renderCalendar, type CalendarEntry } from './icalendar';

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;
const DAY = 86_400_000;
const MAX_RANGE_DAYS = 62;
const HELD = HOLDS_SLOT.map((s) => `'${s}'`).join(', ');

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts/:expertId')
export class ExpertsHttpController {
  private readonly calendars;

  constructor(
    aggregates: AggregateHandlers,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
  ) {
    this.calendars = aggregates.for(calendars);
  }

  @Put('availability')
  @HttpCode(200)
  @Roles('expert', 'operator')
  @ApiOperation({ summary: "Publish weekly slots and exceptions in the expert's own IANA time zone (replaces the previous ones). Requests outside them are refused." })
  async publish(@Param() p: ExpertIdParam, @Body() b: PublishAvailabilityRequest, @CurrentPrincipal() who: Principal) {
    await this.calendars.handle(
      p.expertId,
      { type: 'PublishAvailability', data: { expertId: p.expertId, timeZone: b.timeZone, weekly: b.weekly, exceptions: b.exceptions ?? [] }, actor: who, metadata: { now: this.clock.now() } },
      { commandId: this.ids.next() },
    );
    return this.availability(p);
  }

  @Get('availability')
  @Roles(...ALL_ROLES)
  availability(@Param() p: ExpertIdParam) {
    const row = this.row(p.expertId);
    return { expertId: p.expertId, ...toAvailability(row), publishedAt: row.published_at };
  }

  @Get('free-slots')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "Start times where a call fits the expert's availability and calendar, answered with the asker's time zone offset." })
  freeSlots(@Param() p: ExpertIdParam, @Query() q: FreeSlotsQuery) {
    const zone = q.timeZone ?? 'UTC';
    if (!isTimeZone(zone)) invalid('timeZone', 'must be an IANA time zone such as Europe/Berlin');
    const from = Math.max(Date.parse(q.from), this.clock.now().getTime());
    const to = Date.parse(q.to);
    if (!(to > Date.parse(q.from))) invalid('to', 'must be after from');
    if (to - Date.parse(q.from) > MAX_RANGE_DAYS * DAY) invalid('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
    const minutes = q.durationMinutes ?? 60;
    const availability = toAvailability(this.row(p.expertId));
    const busy = this.projections.db
      .prepare<[string, string, string], { slot_start: string; slot_end: string }>(
        `SELECT slot_start, slot_end FROM ${BOOKINGS_TABLE} WHERE expert_id = ? AND status IN (${HELD}) AND slot_start < ? AND slot_end > ? ORDER BY slot_start`,
      )
      .all(p.expertId, new Date(to).toISOString(), new Date(from).toISOString())
      .map((b) => ({ start: Date.parse(b.slot_start), end: Date.parse(b.slot_end) }));
    const starts = freeStarts(availability, busy, from, to, minutes, q.stepMinutes ?? 30, 1000);
    return {
      expertId: p.expertId,
      timeZone: zone,
      expertTimeZone: availability.timeZone,
      durationMinutes: minutes,
      slots: starts.map((s) => ({ start: formatInZone(s, zone), end: formatInZone(s + minutes * 60_000, zone) })),
    };
  }

  @Get('calendar.ics')
  @Roles(...ALL_ROLES)
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "The expert's calls as an iCalendar feed (RFC 5545, UTC). The expert and staff see all; an enterprise only its own calls with this expert." })
  calendar(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal): string {
    const scope = this.feedScope(who, p.expertId);
    const rows = this.projections.db
      .prepare<Record<string, string>, BookingRow>(
        `SELECT * FROM ${BOOKINGS_TABLE} WHERE expert_id = @expert AND slot_start IS NOT NULL AND status IN (${HELD}, 'cancelled', 'completed')
         ${scope ? 'AND organisation_id = @org' : ''} ORDER BY slot_start`,
      )
      .all({ expert: p.expertId, ...(scope ? { org: scope } : {}) });
    const entries: CalendarEntry[] = rows.map((r) => ({
      uid: `${r.interview_id}@consulting.hope`,
      start: r.slot_start!,
      end: r.slot_end!,
      summary: `Expert interview: ${r.topic}`,
      description: `Organisation: ${r.organisation_id}\nStatus: ${r.status}\nBooking: ${r.interview_id}`,
      status: r.status === 'accepted' ? 'TENTATIVE' : r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      lastModified: r.updated_at,
      // Raised by every change, so calendar clients take the newer version.
      sequence: Math.floor(Date.parse(r.updated_at) / 1000) - Math.floor(Date.parse(r.requested_at) / 1000),
    }));
    return renderCalendar(`HOPE calls of ${p.expertId}`, entries, this.clock.now().toISOString());
  }

  /** undefined = every call of the expert; otherwise only this organisation's calls. */
  private feedScope(who: Principal, expertId: string): string | undefined {
    if (who.role === 'expert' && who.subject !== expertId) throw new ForbiddenError('CONSULTING.OTHER_TENANT', "An expert reads only their own calendar");
    if (who.role === 'enterprise') return who.organisationId ?? '\u0000';
    return undefined;
  }

  private row(expertId: string): AvailabilityRow {
    const row = this.projections.db.prepare<[string], AvailabilityRow>(`SELECT * FROM ${AVAILABILITY_TABLE} WHERE expert_id = ?`).get(expertId);
    if (!row) throw new NotFoundError('AVAILABILITY.NOT_PUBLISHED', `Expert ${expertId} has published no availability`);
    return row;
  }
}
