import { ForbiddenError, type Principal } from '@hope/kernel';

/**
 * Who may act on an expert: the expert themself, or an operator. Tenancy lives here, not in the
 * controllers. `what` names the act ("change the profile of", "read the personal data of") so the
 * refusal says what was refused, not a text copied from another endpoint.
 */
export const assertSelfOrOperator = (who: Principal, expertId: string, what: string): void => {
  if (who.role === 'operator') return;
  if (who.role === 'expert' && who.subject === expertId) return;
  throw new ForbiddenError('EXPERT.NOT_YOURS', `Only the expert or an operator may ${what} expert ${expertId}`);
};

/** Acts only the expert does for themself (an operator may not do them on their behalf): `what` names the act. */
export const assertSelf = (who: Principal, expertId: string, what: string): void => {
  if (who.subject !== expertId) throw new ForbiddenError('EXPERT.NOT_YOURS', `Only the expert may ${what}`);
};
