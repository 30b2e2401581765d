import { aggregate, type AggregateHandler } from '@hope/kernel';
import { meetingDecider, type Meeting, type MeetingCommand } from './meeting.decide';
import { meetingStream, type MeetingEvent } from './meeting.events';

/** One meeting and all its seats, keyed by meeting id; handler names as first written (they feed the event ids). */
export const meetings = aggregate({
  name: 'consulting.meeting',
  streamOf: (meetingId: string) => meetingStream(meetingId),
  decider: meetingDecider,
  // 200 registrations for one meeting queue in one process; across replicas they retry on the revision.
  retries: 10,
  handlerNames: {
    ScheduleMeeting: 'consulting.ScheduleMeeting',
    RegisterForMeeting: 'consulting.RegisterForMeeting',
    CancelRegistration: 'consulting.CancelRegistration',
    RecordAttendance: 'consulting.RecordAttendance',
    ReleaseUnpaidSeat: 'consulting.payment-refused',
  } satisfies Record<MeetingCommand['type'], string>,
});

export type MeetingHandler = AggregateHandler<Meeting, MeetingCommand, MeetingEvent>;
