import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ForbiddenError, type Principal } from '@hope/platform';

/**
 * Account ids: an expert's id as the matching service issues it, or `org:<organisationId>` for an
 * organisation's account. No path or stream separators, bounded length.
 */
export const EXPERT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Organisation accounts are `org:<organisationId>`: an id no expert holds (see `assertAccountAccess`). */
export const ORG_ACCOUNT_PREFIX = 'org:';
export const orgAccountId = (organisationId: string): string => `${ORG_ACCOUNT_PREFIX}${organisationId}`;
export const isOrgAccount = (accountId: string): boolean => accountId.startsWith(ORG_ACCOUNT_PREFIX);

export class ExpertIdParam {
  @ApiProperty({ pattern: EXPERT_ID_PATTERN.source, description: 'An expert id, or `org:<organisationId>` for an organisation account.' })
  @Matches(EXPERT_ID_PATTERN, { message: 'must be an expert id or org:<organisationId> (letters, digits, _ . : -, at most 64)' })
  expertId!: string;
}

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
