import { ForbiddenError, type Principal } from '@hope/kernel';

/** Organisation accounts are `org:<organisationId>`: an id no expert holds (see `assertOwnAccount`). */
export const ORG_ACCOUNT_PREFIX = 'org:';
export const orgAccountId = (organisationId: string): string => `${ORG_ACCOUNT_PREFIX}${organisationId}`;
export const isOrgAccount = (accountId: string): boolean => accountId.startsWith(ORG_ACCOUNT_PREFIX);

const refuse = (why: string) => new ForbiddenError('POINTS.NOT_YOUR_ACCOUNT', why);

/**
 * Tenancy, server-side: an expert reads and spends only their own account (never an organisation's,
 * even with a subject that looks like one); an enterprise member only their organisation's account
 * (`org:<the token's organisation id>`); staff and services any.
 */
export function assertOwnAccount(who: Principal, accountId: string): void {
  if (who.role === 'expert' && (who.subject !== accountId || isOrgAccount(accountId))) throw refuse('An expert may only use their own account');
  if (who.role === 'enterprise' && (!who.organisationId || accountId !== orgAccountId(who.organisationId))) throw refuse("An organisation member may only use their organisation's account");
}
