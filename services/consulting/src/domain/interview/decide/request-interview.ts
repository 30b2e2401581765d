import { IllegalStateError } from '@hope/kernel';
import { INTERVIEW_RULES, expiryOf } from '../../rules/interview-policy';
import { POINTS_ACCOUNT_PATTERN, orgPointsAccount } from '../../rules/payment-policy';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import { interviewOf, type Calendar } from '../interview.state';
import { checkAvailable, checkSlots, expertRequesterOrganisation, invalid, slotAt, type CommandOf } from './checks';

export const requestInterview = (cmd: CommandOf<'RequestInterview'>, s: Calendar): InterviewEvent[] => {
  const now = cmd.metadata.now;
  const d = cmd.data;
  const byExpert = cmd.actor.role === 'expert';
  if (byExpert ? d.payment !== 'points' : cmd.actor.role !== 'enterprise' || !cmd.actor.organisationId) {
    forbid('request an interview (enterprises; experts paying with their points)');
  }
  if (byExpert && cmd.actor.subject === d.expertId) invalid('expertId', 'must be another expert');
  // An enterprise pays by points from its organisation's account, which points names `org:<organisationId>`.
  if (!byExpert && d.payment === 'points' && !POINTS_ACCOUNT_PATTERN.test(orgPointsAccount(cmd.actor.organisationId!))) {
    invalid('payment', 'this organisation id cannot hold a points account; pay by contract');
  }
  if (interviewOf(s, d.interviewId)) throw new IllegalStateError('INTERVIEW.ALREADY_EXISTS', `Interview ${d.interviewId} already exists`);
  if (!Number.isInteger(d.durationMinutes) || d.durationMinutes < INTERVIEW_RULES.minMinutes || d.durationMinutes > INTERVIEW_RULES.maxMinutes) {
    invalid('durationMinutes', `must be a whole number of minutes from ${INTERVIEW_RULES.minMinutes} to ${INTERVIEW_RULES.maxMinutes}`);
  }
  const slots = checkSlots(d.slots, now);
  slots.forEach((start, n) => checkAvailable(s, slotAt(start, d.durationMinutes), `slots.${n}`));
  const organisationId = byExpert ? expertRequesterOrganisation(cmd.actor.subject) : cmd.actor.organisationId!;
  const at = now.toISOString();
  return [
    {
      type: 'InterviewRequested',
      data: { ...d, slots, organisationId, requestedBy: cmd.actor.subject, requesterRole: byExpert ? 'expert' : 'enterprise', requestedAt: at, expiresAt: expiryOf(now) },
    },
  ];
};
