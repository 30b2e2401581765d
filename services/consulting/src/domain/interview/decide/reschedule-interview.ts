import { IllegalStateError } from '@hope/kernel';
import { INTERVIEW_RULES, canStillReschedule } from '../../rules/interview-policy';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { Calendar } from '../interview.state';
import { checkAvailable, checkFree, checkPointsHold, checkSlots, checkWithinHeldReservation, find, partyOf, requireStatus, slotAt, type CommandOf } from './checks';

export const rescheduleInterview = (cmd: CommandOf<'RescheduleInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const i = find(s, cmd.data.interviewId);
  const id = i.interviewId;
  requireStatus(i, ['accepted', 'confirmed'], 'reschedule');
  const by = partyOf(i, cmd.actor) ?? forbid('reschedule');
  if (i.reschedules >= INTERVIEW_RULES.maxReschedules) throw new IllegalStateError('INTERVIEW.TOO_MANY_RESCHEDULES', `A call may be moved at most ${INTERVIEW_RULES.maxReschedules} times`);
  if (!canStillReschedule(i.slot!.start, now)) throw new IllegalStateError('INTERVIEW.TOO_LATE_TO_RESCHEDULE', `A call may be moved up to ${INTERVIEW_RULES.rescheduleNoticeHours} h before it starts`);
  const [start] = checkSlots([cmd.data.start], now, 'start');
  const slot = slotAt(start!, i.durationMinutes);
  checkAvailable(s, slot, 'start');
  checkPointsHold(i, slot, now, 'start');
  checkWithinHeldReservation(i, slot);
  checkFree(s, slot, id);
  return [{ type: 'InterviewRescheduled', data: { interviewId: id, ...slot, by, at: now.toISOString() } }];
};
