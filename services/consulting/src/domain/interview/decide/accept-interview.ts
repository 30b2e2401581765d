import { IllegalStateError } from '@hope/kernel';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import { evolve, interviewOf, type Calendar } from '../interview.state';
import { OPEN, afterGate, checkFree, checkPointsHold, find, invalid, isEnterprise, isExpert, requireStatus, slotAt, type CommandOf } from './checks';

export const acceptInterview = (cmd: CommandOf<'AcceptInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const at = now.toISOString();
  const i = find(s, cmd.data.interviewId);
  const id = i.interviewId;
  requireStatus(i, OPEN, 'accept');
  // The side that did not make the proposal on the table answers it.
  if (i.status === 'requested' ? !isExpert(i, cmd.actor) : !isEnterprise(i, cmd.actor)) forbid('accept this proposal (the other side answers it)');
  if (now.getTime() >= Date.parse(i.expiresAt)) throw new IllegalStateError('INTERVIEW.EXPIRED', `The request expired at ${i.expiresAt}`);
  const start = new Date(cmd.data.start);
  if (Number.isNaN(start.getTime()) || !i.proposedSlots.includes(start.toISOString())) invalid('start', 'must be one of the proposed slots');
  if (start.getTime() <= now.getTime()) invalid('start', 'must be in the future');
  const slot = slotAt(start.toISOString(), i.durationMinutes);
  checkPointsHold(i, slot, now, 'start');
  checkFree(s, slot, id);
  const accepted: InterviewEvent = { type: 'InterviewAccepted', data: { interviewId: id, ...slot, acceptedBy: i.status === 'requested' ? 'expert' : 'enterprise', at } };
  return [accepted, ...afterGate(interviewOf(evolve(s, accepted), id)!, at)];
};
