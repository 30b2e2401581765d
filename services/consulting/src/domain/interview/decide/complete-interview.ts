import { IllegalStateError, isStaff } from '@hope/kernel';
import { INTERVIEW_RULES } from '../../rules/interview-policy';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { find, invalid, isExpert, requireStatus, type CommandOf } from './checks';

export const completeInterview = (cmd: CommandOf<'CompleteInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, ['confirmed'], 'complete');
  if (!isExpert(i, cmd.actor) && !isStaff(cmd.actor)) forbid('record completion (the expert or an operator)');
  if (now.getTime() < Date.parse(i.slot!.start)) throw new IllegalStateError('INTERVIEW.NOT_STARTED', `The call starts at ${i.slot!.start}`);
  const m = cmd.data.actualMinutes;
  if (!Number.isInteger(m) || m < 1 || m > INTERVIEW_RULES.maxActualMinutes) invalid('actualMinutes', `must be a whole number from 1 to ${INTERVIEW_RULES.maxActualMinutes}`);
  return [{ type: 'InterviewCompleted', data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, actualMinutes: m, at: now.toISOString() } }];
};
