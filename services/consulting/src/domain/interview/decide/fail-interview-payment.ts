import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { find, type CommandOf } from './checks';

export const failInterviewPayment = (cmd: CommandOf<'FailInterviewPayment'>, s: Calendar): InterviewEvent[] => {
  const i = find(s, cmd.data.interviewId);
  // The saga may retry this after a crash: only a call still waiting for its payment fails.
  if (i.status !== 'confirmed' || i.payment !== 'points') return [];
  return [{ type: 'InterviewPaymentFailed', data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, code: cmd.data.code, at: cmd.metadata.now.toISOString() } }];
};
