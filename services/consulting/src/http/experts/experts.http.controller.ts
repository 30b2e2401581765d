import { Body, Controller, Get, Header, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AggregateHandlers, ApiProblems, CLOCK, CurrentPrincipal, IDS, Query, Roles, type Clock, type IdSource, type Principal, type ProblemSpec } from '@hope/platform';
import { calendarCalls, freeSlots, publishedAvailability } from '../../application/experts/availability.query';
import { publishAvailability, type PublishAvailabilityDeps } from '../../application/experts/publish-availability.use-case';
import { calendars } from '../../domain/interview/interview.aggregate';
import { AvailabilityQueries } from '../../projections/availability/availability.queries';
import { BookingsQueries } from '../../projections/bookings/bookings.queries';
import { ExpertIdParam, FreeSlotsQuery, PublishAvailabilityRequest } from './experts.request.dto';
import { renderCalendar, type CalendarEntry } from './icalendar';
import { ApiOkResponse } from '@nestjs/swagger';
import { AvailabilityAnswerView, ExpertsFreeSlotsResponse } from './experts.response.dto';

const ALL_ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;

// What an expert's availability reads answer before the expert published any (decision 0034).
const NOT_PUBLISHED: ProblemSpec = { status: 404, code: 'AVAILABILITY.NOT_PUBLISHED', detail: 'Expert host-1 has published no availability' };

@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts/:expertId')
export class ExpertsHttpController {
  private readonly deps: PublishAvailabilityDeps;

  constructor(
    aggregates: AggregateHandlers,
    private readonly availabilityQueries: AvailabilityQueries,
    private readonly bookings: BookingsQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) ids: IdSource,
  ) {
    this.deps = { calendars: aggregates.for(calendars), availability: availabilityQueries, clock, ids };
  }

  @Put('availability')
  @HttpCode(200)
  @Roles('expert', 'operator')
  @ApiOperation({ summary: "Publish weekly slots and exceptions in the expert's own IANA time zone (replaces the previous ones). Requests outside them are refused." })
  @ApiOkResponse({ type: AvailabilityAnswerView })
  @ApiProblems(
    { status: 403, code: 'CONSULTING.NOT_A_PARTY', detail: 'Only a party to this booking (or an operator) may publish availability (the expert, or an operator)' },
    { status: 400, code: 'REQUEST.INVALID', detail: 'timeZone must be an IANA time zone', fields: [{ field: 'timeZone', reason: 'must be an IANA time zone' }] },
  )
  publish(@Param() p: ExpertIdParam, @Body() b: PublishAvailabilityRequest, @CurrentPrincipal() who: Principal) {
    return publishAvailability(this.deps, who, { expertId: p.expertId, timeZone: b.timeZone, weekly: b.weekly, exceptions: b.exceptions ?? [] });
  }

  @Get('availability')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The weekly availability an expert published, with its time zone.' })
  @ApiOkResponse({ type: AvailabilityAnswerView })
  @ApiProblems(NOT_PUBLISHED)
  availability(@Param() p: ExpertIdParam) {
    return publishedAvailability(this.availabilityQueries, p.expertId);
  }

  @Get('free-slots')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "Start times where a call fits the expert's availability and calendar, answered with the asker's time zone offset." })
  @ApiOkResponse({ type: ExpertsFreeSlotsResponse })
  @ApiProblems({ status: 400, code: 'REQUEST.INVALID', detail: 'to must be after from', fields: [{ field: 'to', reason: 'must be after from' }] }, NOT_PUBLISHED)
  freeSlots(@Param() p: ExpertIdParam, @Query() q: FreeSlotsQuery) {
    return freeSlots({ availability: this.availabilityQueries, bookings: this.bookings, clock: this.clock }, p.expertId, q);
  }

  @Get('calendar.ics')
  @Roles(...ALL_ROLES)
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "The expert's calls as an iCalendar feed (RFC 5545, UTC). The expert and staff see all; an enterprise only its own calls with this expert." })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'An iCalendar (RFC 5545) document.' })
  @ApiProblems({ status: 403, code: 'CONSULTING.OTHER_TENANT', detail: 'An expert reads only their own calendar' })
  calendar(@Param() p: ExpertIdParam, @CurrentPrincipal() who: Principal): string {
    const rows = calendarCalls(this.bookings, who, p.expertId);
    const entries: CalendarEntry[] = rows.map((r) => ({
      uid: `${r.interviewId}@consulting.hope`,
      start: r.slot!.start,
      end: r.slot!.end,
      summary: `Expert interview: ${r.topic}`,
      description: `Organisation: ${r.organisationId}\nStatus: ${r.status}\nBooking: ${r.interviewId}`,
      status: r.status === 'accepted' ? 'TENTATIVE' : r.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      lastModified: r.updatedAt,
      // Raised by every change, so calendar clients take the newer version.
      sequence: Math.floor(Date.parse(r.updatedAt) / 1000) - Math.floor(Date.parse(r.requestedAt) / 1000),
    }));
    return renderCalendar(`HOPE calls of ${p.expertId}`, entries, this.clock.now().toISOString());
  }
}
