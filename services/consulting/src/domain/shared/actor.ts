import { ForbiddenError } from '@hope/platform/errors';

/** Who issues a command, as the HTTP layer authenticated them; deciders check the party rules. */
export interface Actor {
  readonly role: 'enterprise' | 'expert' | 'operator' | 'service' | 'analyst';
  readonly subject: string;
  readonly organisationId?: string;
}

export const isStaff = (a: Actor): boolean => a.role === 'operator' || a.role === 'service';

export const forbid = (what: string): never => {
  throw new ForbiddenError('CONSULTING.NOT_A_PARTY', `Only a party to this booking (or an operator) may ${what}`);
};
