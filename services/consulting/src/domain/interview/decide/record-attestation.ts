import { IllegalStateError } from '@hope/kernel';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import { evolve, interviewOf, type Calendar } from '../interview.state';
import { BEFORE_CALL, afterGate, find, isExpert, requireStatus, type CommandOf } from './checks';

export const recordAttestation = (cmd: CommandOf<'RecordAttestation'>, s: Calendar): InterviewEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const i = find(s, cmd.data.interviewId);
  const id = i.interviewId;
  requireStatus(i, BEFORE_CALL, 'attest for');
  if (!isExpert(i, cmd.actor)) forbid('attest (the expert attests for their own call)');
  if (i.attestationPassed !== undefined) throw new IllegalStateError('INTERVIEW.ALREADY_ATTESTED', 'The expert already attested for this call');
  const { noConfidentialInformation, noConflictOfInterest } = cmd.data;
  const recorded: InterviewEvent = { type: 'ExpertAttestationRecorded', data: { interviewId: id, noConfidentialInformation, noConflictOfInterest, passed: noConfidentialInformation && noConflictOfInterest, at } };
  return [recorded, ...afterGate(interviewOf(evolve(s, recorded), id)!, at)];
};
