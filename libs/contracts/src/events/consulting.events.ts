import { PayloadReader } from '../payload';
import type { EventDefinition } from '../registry';

/** Published by the consulting service; the points service earns on them. */
export interface ConsultationCompletedV1 {
  bookingId: string;
  expertId: string;
  organisationId: string;
  /** Actual length of the call. */
  minutes: number;
  completedAt: string;
}

export const MEETING_KINDS = ['exchange-meeting', 'matchmaking-meeting', 'technical-seminar', 'innovation-tour'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MeetingAttendedV1 {
  meetingId: string;
  kind: MeetingKind;
  expertId: string;
  attendedAt: string;
}

export const ConsultationCompleted: EventDefinition<ConsultationCompletedV1> = {
  type: 'ConsultationCompleted',
  version: 1,
  parse(data) {
    const r = new PayloadReader('ConsultationCompleted', data);
    return {
      bookingId: r.string('bookingId'),
      expertId: r.string('expertId'),
      organisationId: r.string('organisationId'),
      minutes: r.integer('minutes', { min: 1, max: 24 * 60 }),
      completedAt: r.timestamp('completedAt'),
    };
  },
};

export const MeetingAttended: EventDefinition<MeetingAttendedV1> = {
  type: 'MeetingAttended',
  version: 1,
  parse(data) {
    const r = new PayloadReader('MeetingAttended', data);
    return { meetingId: r.string('meetingId'), kind: r.oneOf('kind', MEETING_KINDS), expertId: r.string('expertId'), attendedAt: r.timestamp('attendedAt') };
  },
};
