import type { Principal } from '@hope/kernel';
import type { MeetingView } from '../../projections/meetings/meetings.queries';
import { settleSeat, type MeetingDeps } from './meeting-deps';
import { meetingView } from './meeting-views';

/** Gives up a seat (or a place on the waiting list); its payment is released, and whoever moved up now owes theirs. */
export async function cancelRegistration(deps: MeetingDeps, who: Principal, meetingId: string): Promise<MeetingView> {
  await deps.meetings.handle(meetingId, { type: 'CancelRegistration', data: { meetingId }, actor: who, metadata: { now: deps.clock.now() } }, { commandId: deps.ids.next() });
  await settleSeat(deps, meetingId, who.subject);
  // Whoever was promoted into the freed seat now owes it (the read model nominates; the saga re-reads the stream).
  for (const participantId of deps.payments.unpaidSeatedExperts(meetingId)) await settleSeat(deps, meetingId, participantId);
  return meetingView(deps.meetingViews, meetingId);
}
