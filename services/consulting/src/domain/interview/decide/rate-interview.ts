import { IllegalStateError } from '@hope/kernel';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { find, invalid, partyOf, requireStatus, type CommandOf } from './checks';

export const rateInterview = (cmd: CommandOf<'RateInterview'>, s: Calendar): InterviewEvent[] => {
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, ['completed'], 'rate');
  const by = partyOf(i, cmd.actor) ?? forbid('rate');
  if (i.ratings[by] !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_RATED', `The ${by} already rated this call`);
  if (!Number.isInteger(cmd.data.score) || cmd.data.score < 1 || cmd.data.score > 5) invalid('score', 'must be a whole number from 1 to 5');
  const comment = cmd.data.comment ? { comment: cmd.data.comment } : {};
  return [
    { type: 'InterviewRated', data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, by, score: cmd.data.score, ...comment, at: cmd.metadata.now.toISOString() } },
  ];
};
