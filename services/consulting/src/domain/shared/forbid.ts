import { ForbiddenError } from '@hope/kernel';

/** Consulting's one refusal for callers who are not a party to the booking, meeting or group. */
export const forbid = (what: string): never => {
  throw new ForbiddenError('CONSULTING.NOT_A_PARTY', `Only a party to this booking (or an operator) may ${what}`);
};
