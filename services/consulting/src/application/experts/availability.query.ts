import { ForbiddenError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import { formatInZone, freeStarts, isTimeZone, type Availability } from '../../domain/availability/availability';
import type { AvailabilityQueries, PublishedAvailability } from '../../projections/availability/availability.queries';
import type { Booking, BookingsQueries } from '../../projections/bookings/bookings.queries';

const DAY = 86_400_000;
const MAX_RANGE_DAYS = 62;

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

export type AvailabilityAnswer = { expertId: string; publishedAt: string } & Availability;

const published = (availability: AvailabilityQueries, expertId: string): PublishedAvailability => {
  const found = availability.get(expertId);
  if (!found) throw new NotFoundError('AVAILABILITY.NOT_PUBLISHED', `Expert ${expertId} has published no availability`);
  return found;
};

export const publishedAvailability = (availability: AvailabilityQueries, expertId: string): AvailabilityAnswer => {
  const found = published(availability, expertId);
  return { expertId, ...found.availability, publishedAt: found.publishedAt };
};

export interface FreeSlotsRequest {
  readonly from: string;
  readonly to: string;
  readonly timeZone?: string;
  readonly durationMinutes?: number;
  readonly stepMinutes?: number;
}

/** Start times where a call fits the expert's availability and calendar, in the asker's zone. */
export const freeSlots = (deps: { availability: AvailabilityQueries; bookings: BookingsQueries; clock: { now(): Date } }, expertId: string, q: FreeSlotsRequest) => {
  const zone = q.timeZone ?? 'UTC';
  if (!isTimeZone(zone)) invalid('timeZone', 'must be an IANA time zone such as Europe/Berlin');
  const from = Math.max(Date.parse(q.from), deps.clock.now().getTime());
  const to = Date.parse(q.to);
  if (!(to > Date.parse(q.from))) invalid('to', 'must be after from');
  if (to - Date.parse(q.from) > MAX_RANGE_DAYS * DAY) invalid('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
  const minutes = q.durationMinutes ?? 60;
  const { availability } = published(deps.availability, expertId);
  const busy = deps.bookings.busySlots(expertId, new Date(from).toISOString(), new Date(to).toISOString());
  const starts = freeStarts(availability, busy, from, to, minutes, q.stepMinutes ?? 30, 1000);
  return {
    expertId,
    timeZone: zone,
    expertTimeZone: availability.timeZone,
    durationMinutes: minutes,
    slots: starts.map((s) => ({ start: formatInZone(s, zone), end: formatInZone(s + minutes * 60_000, zone) })),
  };
};

/**
 * The calls an iCalendar feed shows: the expert and staff see all of the expert's calls; an enterprise
 * only its own calls with this expert; another expert none.
 */
export const calendarCalls = (bookings: BookingsQueries, who: Principal, expertId: string): Booking[] => {
  if (who.role === 'expert' && who.subject !== expertId) throw new ForbiddenError('CONSULTING.OTHER_TENANT', 'An expert reads only their own calendar');
  return bookings.calendar(expertId, who.role === 'enterprise' ? (who.organisationId ?? '\u0000') : undefined);
};
