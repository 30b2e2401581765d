import { IllegalStateError } from '@hope/kernel';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import { evolve, interviewOf, type Calendar } from '../interview.state';
import { BEFORE_CALL, afterGate, find, invalid, requireStatus, type CommandOf } from './checks';

export const recordConflictCheck = (cmd: CommandOf<'RecordConflictCheck'>, s: Calendar): InterviewEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const i = find(s, cmd.data.interviewId);
  const id = i.interviewId;
  requireStatus(i, BEFORE_CALL, 'check conflicts for');
  // Only the gate records matching's answer: no caller (operator included) can claim a call is cleared.
  if (cmd.actor.role !== 'service') forbid("record a conflict check (the gate records matching's answer)");
  if (i.conflictCheckPassed !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_CHECKED', 'A conflict check is already recorded for this call');
  const reasons = cmd.data.reasons.map((r) => ({ code: r.code, detail: r.detail }));
  // A check that did not clear always says why; "not cleared" with no reason would be unauditable.
  if (!cmd.data.passed && reasons.length === 0) invalid('reasons', 'must name why the expert was not cleared');
  const recorded: InterviewEvent = { type: 'ConflictCheckRecorded', data: { interviewId: id, passed: cmd.data.passed, checkedBy: cmd.actor.subject, reasons, at } };
  return [recorded, ...afterGate(interviewOf(evolve(s, recorded), id)!, at)];
};
