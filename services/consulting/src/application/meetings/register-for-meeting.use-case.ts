import { IllegalStateError, type CommandMeta, type Principal } from '@hope/kernel';
import { settleSeat, type MeetingDeps } from './meeting-deps';

export interface Registered {
  readonly meetingId: string;
  readonly participantId: string;
  readonly status: 'seated' | 'waiting';
  readonly pointsPayment: { status: string; points: number | null } | null;
}

/**
 * Takes a seat or joins the waiting list; a seat an expert pays with points is reserved now, and given
 * back (422) if points refuses. A keyed retry is the same command: a duplicate whose seat (and payment,
 * carried on by its saga) is answered as it stands.
 */
export async function registerForMeeting(deps: MeetingDeps, who: Principal, meetingId: string, joinWaitingList: boolean, meta: CommandMeta): Promise<Registered> {
  const result = await deps.meetings.handle(
    meetingId,
    { type: 'RegisterForMeeting', data: { meetingId, joinWaitingList }, actor: who, metadata: { now: deps.clock.now() } },
    meta,
  );
  const seated = result.state.status === 'scheduled' && result.state.holders.some((h) => h.participantId === who.subject);
  const payment = seated ? await settleSeat(deps, meetingId, who.subject) : undefined;
  if (payment?.status === 'refused') throw new IllegalStateError('MEETING.PAYMENT_REFUSED', 'The points service refused to pay for this seat; it was given back', { status: 422 });
  return { meetingId, participantId: who.subject, status: seated ? 'seated' : 'waiting', pointsPayment: payment ? { status: payment.status, points: payment.points ?? null } : null };
}
