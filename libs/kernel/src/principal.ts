export const ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as established from a verified token. Domain code receives it as the actor of a
 * command; tenancy is decided from facts the service holds (membership), never from `organisationId`
 * alone.
 */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  /** The organisation the token names; an enterprise acts for it only while it is a member. */
  readonly organisationId?: string;
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Operators and services act on behalf of the platform. */
export const isStaff = (who: Pick<Principal, 'role'>): boolean => who.role === 'operator' || who.role === 'service';
