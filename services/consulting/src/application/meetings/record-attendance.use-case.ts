import type { Principal } from '@hope/kernel';
import type { MeetingDeps } from './meeting-deps';

/** An operator records that a seat holder attended (an expert attendee earns points downstream). */
export async function recordAttendance(deps: MeetingDeps, who: Principal, meetingId: string, participantId: string) {
  await deps.meetings.handle(meetingId, { type: 'RecordAttendance', data: { meetingId, participantId }, actor: who, metadata: { now: deps.clock.now() } }, { commandId: deps.ids.next() });
  return { meetingId, participantId, attended: true };
}
