import { ForbiddenError, type Principal } from '@hope/kernel';
import type { Memberships } from './membership.projection';

/** Organisation accounts and ids are shaped `org:<organisationId>`; no expert may carry such a subject. */
export const ORGANISATION_SUBJECT_PREFIX = 'org:';

/**
 * Tenancy from facts this service holds, never from the token's word alone: an enterprise caller acts
 * for the organisation its token names only while it is a current member (the membership read model);
 * an expert acts only as themselves, and a subject shaped like an organisation's account is refused so
 * it can never stand for one. Operators, analysts and services keep their powers.
 * WRITE DECISION ON A READ MODEL (decision 0012): a removal takes effect once consumed and projected.
 */
export function assertActsForItself(memberships: Memberships, who: Principal): void {
  if (who.role === 'enterprise' && (who.organisationId === undefined || !memberships.isMember(who.organisationId, who.subject))) {
    throw new ForbiddenError('ORGANISATION.NOT_A_MEMBER', `You are not a member of organisation ${who.organisationId ?? '(none named)'}`);
  }
  if (who.role === 'expert' && who.subject.startsWith(ORGANISATION_SUBJECT_PREFIX)) {
    throw new ForbiddenError('EXPERT.SUBJECT_RESERVED', `An expert subject may not start with "${ORGANISATION_SUBJECT_PREFIX}": that names an organisation`);
  }
}
