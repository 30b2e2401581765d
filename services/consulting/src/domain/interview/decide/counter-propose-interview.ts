import { IllegalStateError } from '@hope/kernel';
import { expiryOf } from '../../rules/interview-policy';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { checkSlots, find, isExpert, requireStatus, type CommandOf } from './checks';

export const counterProposeInterview = (cmd: CommandOf<'CounterProposeInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, ['requested'], 'counter-propose');
  if (!isExpert(i, cmd.actor)) forbid('counter-propose (the expert answers a request)');
  if (now.getTime() >= Date.parse(i.expiresAt)) throw new IllegalStateError('INTERVIEW.EXPIRED', `The request expired at ${i.expiresAt}`);
  return [{ type: 'InterviewCounterProposed', data: { interviewId: i.interviewId, slots: checkSlots(cmd.data.slots, now), at: now.toISOString(), expiresAt: expiryOf(now) } }];
};
