import { isStaff } from '@hope/kernel';
import { cancellationRefundPercent } from '../../rules/interview-policy';
import { forbid } from '../../shared/forbid';
import type { CancelledBy, InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { BEFORE_CALL, find, partyOf, requireStatus, type CommandOf } from './checks';

export const cancelInterview = (cmd: CommandOf<'CancelInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, [...BEFORE_CALL, 'confirmed'], 'cancel');
  const by: CancelledBy = partyOf(i, cmd.actor) ?? (isStaff(cmd.actor) ? 'operator' : forbid('cancel'));
  const refundPercent = cancellationRefundPercent(by, i.status, i.slot?.start, now);
  return [
    {
      type: 'InterviewCancelled',
      data: { interviewId: i.interviewId, expertId: i.expertId, organisationId: i.organisationId, cancelledBy: by, reason: cmd.data.reason, refundPercent, at: now.toISOString() },
    },
  ];
};
