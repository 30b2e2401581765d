import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, ValidationError, type Principal } from '@hope/kernel';
import { meetingDecider, type MeetingCommand } from './meeting.decide';
import type { MeetingEvent } from './meeting.events';

const spec = DeciderSpecification.for(meetingDecider);
const now = new Date('2030-05-01T00:00:00.000Z');
const at = now.toISOString();
const startsAt = '2030-05-10T09:00:00.000Z';
const operator: Principal = { role: 'operator', subject: 'ops' };
const expert = (n: number): Principal => ({ role: 'expert', subject: `exp-${n}` });

const scheduled = (seats = 2): MeetingEvent => ({
  type: 'MeetingScheduled',
  data: { meetingId: 'm-1', kind: 'technical-seminar', title: 'Compressors', startsAt, endsAt: '2030-05-10T12:00:00.000Z', venue: null, online: true, seats, scheduledBy: 'ops', at },
});
const seated = (n: number): MeetingEvent => ({ type: 'SeatTaken', data: { meetingId: 'm-1', participantId: `exp-${n}`, participantRole: 'expert', at } });
const waiting = (n: number): MeetingEvent => ({ type: 'WaitListJoined', data: { meetingId: 'm-1', participantId: `exp-${n}`, participantRole: 'expert', at } });
const register = (n: number, joinWaitingList = true, when = now): MeetingCommand => ({ type: 'RegisterForMeeting', data: { meetingId: 'm-1', joinWaitingList }, actor: expert(n), metadata: { now: when } });
const cancel = (n: number): MeetingCommand => ({ type: 'CancelRegistration', data: { meetingId: 'm-1' }, actor: expert(n), metadata: { now } });

describe('meeting seats and waiting list', () => {
  it('an operator schedules a meeting; seats, times and venue are checked', () => {
    const schedule = (over: Partial<Extract<MeetingCommand, { type: 'ScheduleMeeting' }>['data']>, actor = operator): MeetingCommand => ({
      type: 'ScheduleMeeting',
      data: { meetingId: 'm-1', kind: 'technical-seminar', title: 'Compressors', startsAt, endsAt: '2030-05-10T12:00:00.000Z', venue: null, online: true, seats: 2, ...over },
      actor,
      metadata: { now },
    });
    spec.given([]).when(schedule({})).then([scheduled()]);
    spec.given([]).when(schedule({ seats: 0 })).thenThrows(ValidationError);
    spec.given([]).when(schedule({ endsAt: startsAt })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('endsAt'));
    spec.given([]).when(schedule({ online: false })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('venue'));
    spec.given([]).when(schedule({}, expert(1))).thenThrows(ForbiddenError);
  });

  it('seats go first come first served; then the waiting list, or a 409 for who does not want to wait', () => {
    spec.given([scheduled()]).when(register(1)).then([seated(1)]);
    spec.given([scheduled(), seated(1), seated(2)]).when(register(3)).then([waiting(3)]);
    spec.given([scheduled(), seated(1), seated(2)]).when(register(3, false)).thenThrows(IllegalStateError, (e) => expect((e as IllegalStateError).code).toBe('MEETING.FULL'));
    spec.given([scheduled(), seated(1)]).when(register(1)).thenThrows(IllegalStateError, (e) => expect((e as IllegalStateError).code).toBe('MEETING.ALREADY_REGISTERED'));
    spec.given([scheduled()]).when(register(1, true, new Date(startsAt))).thenThrows(IllegalStateError);
  });

  it('a freed seat goes to the head of the waiting list in the same append, with the meeting the promotion is for', () => {
    spec.given([scheduled(), seated(1), seated(2), waiting(3), waiting(4)]).when(cancel(1)).then([
      { type: 'RegistrationCancelled', data: { meetingId: 'm-1', participantId: 'exp-1', hadSeat: true, at } },
      { type: 'WaitListPromoted', data: { meetingId: 'm-1', participantId: 'exp-3', participantRole: 'expert', kind: 'technical-seminar', title: 'Compressors', startsAt, at } },
    ]);
    // Leaving the waiting list frees no seat.
    spec.given([scheduled(), seated(1), seated(2), waiting(3), waiting(4)]).when(cancel(3)).then([{ type: 'RegistrationCancelled', data: { meetingId: 'm-1', participantId: 'exp-3', hadSeat: false, at } }]);
    const promoted: MeetingEvent = { type: 'WaitListPromoted', data: { meetingId: 'm-1', participantId: 'exp-3', participantRole: 'expert', at } };
    const left: MeetingEvent = { type: 'RegistrationCancelled', data: { meetingId: 'm-1', participantId: 'exp-1', hadSeat: true, at } };
    const state = [scheduled(), seated(1), seated(2), waiting(3), waiting(4), left, promoted].reduce(meetingDecider.evolve, meetingDecider.initialState);
    expect(state).toMatchObject({ holders: [{ participantId: 'exp-2' }, { participantId: 'exp-3' }], waiting: [{ participantId: 'exp-4' }] });
  });

  it('attendance of a seat holder is recorded once, after the start, by an operator', () => {
    const attend = (who: string, when = new Date(startsAt), actor = operator): MeetingCommand => ({ type: 'RecordAttendance', data: { meetingId: 'm-1', participantId: who }, actor, metadata: { now: when } });
    const attended: MeetingEvent = { type: 'AttendanceRecorded', data: { meetingId: 'm-1', kind: 'technical-seminar', participantId: 'exp-1', participantRole: 'expert', at: startsAt } };
    spec.given([scheduled(), seated(1)]).when(attend('exp-1')).then([attended]);
    spec.given([scheduled(), seated(1), attended]).when(attend('exp-1')).thenNothingHappened();
    spec.given([scheduled(), seated(1), waiting(2)]).when(attend('exp-2')).thenThrows(IllegalStateError);
    spec.given([scheduled(), seated(1)]).when(attend('exp-1', now)).thenThrows(IllegalStateError);
    spec.given([scheduled(), seated(1)]).when(attend('exp-1', new Date(startsAt), expert(1))).thenThrows(ForbiddenError);
  });
});
