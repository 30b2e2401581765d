import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { find, isExpert, requireStatus, type CommandOf } from './checks';

export const declineInterview = (cmd: CommandOf<'DeclineInterview'>, s: Calendar): InterviewEvent[] => {
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, ['requested'], 'decline');
  if (!isExpert(i, cmd.actor)) forbid('decline (the expert answers a request)');
  return [{ type: 'InterviewDeclined', data: { interviewId: i.interviewId, ...(cmd.data.reason ? { reason: cmd.data.reason } : {}), at: cmd.metadata.now.toISOString() } }];
};
