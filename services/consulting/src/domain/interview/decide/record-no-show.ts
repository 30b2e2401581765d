import { IllegalStateError, isStaff } from '@hope/kernel';
import { noShowRefundPercent } from '../../rules/interview-policy';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { find, partyOf, requireStatus, type CommandOf } from './checks';

export const recordNoShow = (cmd: CommandOf<'RecordNoShow'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  requireStatus(i, ['confirmed'], 'record a no-show for');
  const reporter = partyOf(i, cmd.actor);
  // A party reports the other side; operators may record either.
  if (!isStaff(cmd.actor) && (reporter === undefined || reporter === cmd.data.absent)) forbid('report the other side absent');
  if (now.getTime() < Date.parse(i.slot!.start)) throw new IllegalStateError('INTERVIEW.NOT_STARTED', `The call starts at ${i.slot!.start}`);
  return [{ type: 'InterviewNoShowRecorded', data: { interviewId: i.interviewId, absent: cmd.data.absent, refundPercent: noShowRefundPercent(cmd.data.absent), at: now.toISOString() } }];
};
