import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { OPEN, find, type CommandOf } from './checks';

export const expireInterview = (cmd: CommandOf<'ExpireInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  // The job may run late, twice, or race an answer: only a still-open, overdue request expires.
  if (!OPEN.includes(i.status) || now.getTime() < Date.parse(i.expiresAt)) return [];
  return [{ type: 'InterviewExpired', data: { interviewId: i.interviewId, at: now.toISOString() } }];
};
