import type { MeetingKind } from '@hope/contracts';
import { IllegalStateError, NotFoundError, ValidationError, isStaff, type Principal } from '@hope/kernel';
import { forbid } from '../shared/forbid';
import type { MeetingEvent, ParticipantRole } from './meeting.events';

export interface Seat {
  readonly participantId: string;
  readonly role: ParticipantRole;
}

export type Meeting =
  | { readonly status: 'none' }
  | {
      readonly status: 'scheduled';
      readonly meetingId: string;
      readonly kind: MeetingKind;
      readonly title: string;
      readonly seats: number;
      readonly startsAt: string;
      readonly holders: readonly Seat[];
      /** First come, first promoted. */
      readonly waiting: readonly Seat[];
      readonly attended: readonly string[];
    };

export type MeetingCommand =
  | {
      type: 'ScheduleMeeting';
      data: { meetingId: string; kind: MeetingKind; title: string; startsAt: string; endsAt: string; venue: string | null; online: boolean; seats: number };
      actor: Principal;
      metadata: { now: Date };
    }
  | { type: 'RegisterForMeeting'; data: { meetingId: string; joinWaitingList: boolean }; actor: Principal; metadata: { now: Date } }
  | { type: 'CancelRegistration'; data: { meetingId: string }; actor: Principal; metadata: { now: Date } }
  | { type: 'RecordAttendance'; data: { meetingId: string; participantId: string }; actor: Principal; metadata: { now: Date } }
  /** The points saga's compensation: points refused to pay for this seat. */
  | { type: 'ReleaseUnpaidSeat'; data: { meetingId: string; participantId: string; code: string }; metadata: { now: Date } };

export const initialState: Meeting = { status: 'none' };
export const MAX_SEATS = 10_000;

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

const without = (list: readonly Seat[], id: string) => list.filter((s) => s.participantId !== id);

export const evolve = (s: Meeting, e: MeetingEvent): Meeting => {
  if (e.type === 'MeetingScheduled') {
    const d = e.data;
    return { status: 'scheduled', meetingId: d.meetingId, kind: d.kind, title: d.title, seats: d.seats, startsAt: d.startsAt, holders: [], waiting: [], attended: [] };
  }
  if (s.status !== 'scheduled') return s;
  switch (e.type) {
    case 'SeatTaken':
      return { ...s, holders: [...s.holders, { participantId: e.data.participantId, role: e.data.participantRole }] };
    case 'WaitListJoined':
      return { ...s, waiting: [...s.waiting, { participantId: e.data.participantId, role: e.data.participantRole }] };
    case 'RegistrationCancelled':
      return { ...s, holders: without(s.holders, e.data.participantId), waiting: without(s.waiting, e.data.participantId) };
    case 'WaitListPromoted':
      return { ...s, waiting: without(s.waiting, e.data.participantId), holders: [...s.holders, { participantId: e.data.participantId, role: e.data.participantRole }] };
    case 'AttendanceRecorded':
      return { ...s, attended: [...s.attended, e.data.participantId] };
    default:
      return s;
  }
};

export const decide = (cmd: MeetingCommand, s: Meeting): MeetingEvent[] => {
  const at = cmd.metadata.now.toISOString();
  if (cmd.type === 'ScheduleMeeting') {
    const d = cmd.data;
    if (!isStaff(cmd.actor)) forbid('schedule a meeting (operators)');
    if (s.status !== 'none') throw new IllegalStateError('MEETING.ALREADY_EXISTS', `Meeting ${d.meetingId} already exists`);
    if (!Number.isInteger(d.seats) || d.seats < 1 || d.seats > MAX_SEATS) invalid('seats', `must be a whole number from 1 to ${MAX_SEATS}`);
    const starts = Date.parse(d.startsAt);
    if (!(starts > cmd.metadata.now.getTime())) invalid('startsAt', 'must be in the future');
    if (!(Date.parse(d.endsAt) > starts)) invalid('endsAt', 'must be after startsAt');
    if (!d.online && !d.venue) invalid('venue', 'is required for a meeting that is not online');
    const startsAt = new Date(starts).toISOString();
    const endsAt = new Date(d.endsAt).toISOString();
    return [{ type: 'MeetingScheduled', data: { ...d, startsAt, endsAt, scheduledBy: cmd.actor.subject, at } }];
  }
  if (s.status !== 'scheduled') throw new NotFoundError('MEETING.NOT_FOUND', `No meeting ${cmd.data.meetingId}`);
  const id = s.meetingId;
  const started = cmd.metadata.now.getTime() >= Date.parse(s.startsAt);
  switch (cmd.type) {
    case 'RegisterForMeeting': {
      if (cmd.actor.role !== 'expert' && cmd.actor.role !== 'enterprise') forbid('register (experts and enterprises)');
      const who = { meetingId: id, participantId: cmd.actor.subject, participantRole: cmd.actor.role as ParticipantRole, at };
      if (started) throw new IllegalStateError('MEETING.REGISTRATION_CLOSED', 'The meeting has started');
      if ([...s.holders, ...s.waiting].some((x) => x.participantId === who.participantId)) throw new IllegalStateError('MEETING.ALREADY_REGISTERED', 'Already registered or waiting');
      if (s.holders.length < s.seats) return [{ type: 'SeatTaken', data: who }];
      if (!cmd.data.joinWaitingList) throw new IllegalStateError('MEETING.FULL', `All ${s.seats} seats are taken`);
      return [{ type: 'WaitListJoined', data: who }];
    }
    case 'CancelRegistration':
    case 'ReleaseUnpaidSeat': {
      const unpaid = cmd.type === 'ReleaseUnpaidSeat';
      const participantId = unpaid ? cmd.data.participantId : cmd.actor.subject;
      const hadSeat = s.holders.some((x) => x.participantId === participantId);
      // A rerun compensation finds the seat already gone.
      if (unpaid && !hadSeat) return [];
      if (!hadSeat && !s.waiting.some((x) => x.participantId === participantId)) throw new IllegalStateError('MEETING.NOT_REGISTERED', 'Not registered for this meeting');
      const cancelled: MeetingEvent = { type: 'RegistrationCancelled', data: { meetingId: id, participantId, hadSeat, ...(unpaid ? { reason: `payment-refused:${cmd.data.code}` } : {}), at } };
      // A freed seat goes to the head of the waiting list in the same append: no window where it is free.
      const next = s.waiting[0];
      if (!hadSeat || !next || started) return [cancelled];
      // The meeting's kind, title and start travel with the promotion: its published contract tells the expert what they got.
      const meeting = { kind: s.kind, title: s.title, startsAt: s.startsAt };
      return [cancelled, { type: 'WaitListPromoted', data: { meetingId: id, participantId: next.participantId, participantRole: next.role, ...meeting, at } }];
    }
    case 'RecordAttendance': {
      if (!isStaff(cmd.actor)) forbid('record attendance (operators)');
      const seat = s.holders.find((x) => x.participantId === cmd.data.participantId);
      if (!seat) throw new IllegalStateError('MEETING.NO_SEAT', `${cmd.data.participantId} holds no seat`);
      if (!started) throw new IllegalStateError('MEETING.NOT_STARTED', `The meeting starts at ${s.startsAt}`);
      if (s.attended.includes(seat.participantId)) return [];
      return [{ type: 'AttendanceRecorded', data: { meetingId: id, kind: s.kind, participantId: seat.participantId, participantRole: seat.role, at } }];
    }
  }
};

export const meetingDecider = { decide, evolve, initialState };
