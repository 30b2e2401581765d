import type { MeetingKind } from '@hope/contracts';

export type ParticipantRole = 'expert' | 'enterprise';

/** Events of one meeting (stream `meeting-<id>`): every seat of a meeting is decided in this one stream. */
export type MeetingEvent =
  | {
      type: 'MeetingScheduled';
      data: { meetingId: string; kind: MeetingKind; title: string; startsAt: string; endsAt: string; venue: string | null; online: boolean; seats: number; scheduledBy: string; at: string };
    }
  | { type: 'SeatTaken'; data: { meetingId: string; participantId: string; participantRole: ParticipantRole; at: string } }
  | { type: 'WaitListJoined'; data: { meetingId: string; participantId: string; participantRole: ParticipantRole; at: string } }
  | { type: 'RegistrationCancelled'; data: { meetingId: string; participantId: string; hadSeat: boolean; reason?: string; at: string } }
  /** `kind`, `title` and `startsAt` (the meeting's, for the published contract) are absent from promotions recorded before they were added. */
  | { type: 'WaitListPromoted'; data: { meetingId: string; participantId: string; participantRole: ParticipantRole; kind?: MeetingKind; title?: string; startsAt?: string; at: string } }
  | { type: 'AttendanceRecorded'; data: { meetingId: string; kind: MeetingKind; participantId: string; participantRole: ParticipantRole; at: string } };

export const MEETING_EVENT_TYPES: readonly MeetingEvent['type'][] = ['MeetingScheduled', 'SeatTaken', 'WaitListJoined', 'RegistrationCancelled', 'WaitListPromoted', 'AttendanceRecorded'];

export const meetingStreamPrefix = 'meeting-';
export const meetingStream = (meetingId: string): string => `${meetingStreamPrefix}${meetingId}`;
