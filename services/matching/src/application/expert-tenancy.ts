import { ForbiddenError, type Principal } from '@hope/kernel';

/** Who may change an expert: the expert themself, or an operator. Tenancy lives here, not in the controllers. */
export const assertSelfOrOperator = (who: Principal, expertId: string): void => {
  if (who.role === 'operator') return;
  if (who.role === 'expert' && who.subject === expertId) return;
  throw new ForbiddenError('EXPERT.NOT_YOURS', 'An expert may change only their own profile');
};

/** Only the expert applies for their own certification (an operator may not apply for them). */
export const assertSelf = (who: Principal, expertId: string): void => {
  if (who.subject !== expertId) throw new ForbiddenError('EXPERT.NOT_YOURS', 'Only the expert may apply for their certification');
};
