export const ROLES = ['enterprise', 'expert', 'operator', 'analyst', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established from a verified token. Tenancy checks use `organisationId`. */
export interface Principal {
  subject: string;
  role: Role;
  /** Required for `enterprise` callers; experts and platform staff may have none. */
  organisationId?: string;
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
