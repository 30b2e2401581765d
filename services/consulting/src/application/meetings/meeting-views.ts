import { NotFoundError } from '@hope/kernel';
import type { MeetingsQueries, MeetingView, Registration } from '../../projections/meetings/meetings.queries';

export const meetingView = (meetings: MeetingsQueries, meetingId: string): MeetingView => {
  const found = meetings.get(meetingId);
  if (!found) throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${meetingId}`);
  return found;
};

/** Meetings that have not started, soonest first. */
export const upcomingMeetings = (meetings: MeetingsQueries, now: Date, options: { withFreeSeats: boolean; limit: number }): { items: MeetingView[] } => ({
  items: meetings.upcoming(now.toISOString(), options),
});

export const meetingRegistrations = (meetings: MeetingsQueries, meetingId: string): { items: Registration[] } => {
  meetingView(meetings, meetingId);
  return { items: meetings.registrations(meetingId) };
};
