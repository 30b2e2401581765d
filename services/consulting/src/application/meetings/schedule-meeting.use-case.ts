import type { CommandMeta, Principal } from '@hope/kernel';
import type { MeetingKind } from '@hope/contracts';
import type { MeetingView } from '../../projections/meetings/meetings.queries';
import type { MeetingDeps } from './meeting-deps';
import { meetingView } from './meeting-views';

export interface ScheduleMeetingInput {
  readonly kind: MeetingKind;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly venue: string | null;
  readonly online: boolean;
  readonly seats: number;
}

/** An operator schedules a meeting; the meeting id is the command id (a keyed retry schedules nothing twice). */
export async function scheduleMeeting(deps: MeetingDeps, who: Principal, input: ScheduleMeetingInput, meta: CommandMeta): Promise<MeetingView> {
  const meetingId = meta.commandId;
  await deps.meetings.handle(meetingId, { type: 'ScheduleMeeting', data: { meetingId, ...input }, actor: who, metadata: { now: deps.clock.now() } }, meta);
  return meetingView(deps.meetingViews, meetingId);
}
