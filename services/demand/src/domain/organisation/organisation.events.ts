/** Organisations that publish demands, and the people who act for them (stream `organisation-<id>`). */
export const ORGANISATION_KINDS = ['business-unit', 'client', 'sme'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface OrganisationName {
  en?: string;
  zh?: string;
}

export type OrganisationEvent =
  | { type: 'OrganisationRegistered'; data: { organisationId: string; name: OrganisationName; kind: OrganisationKind; registeredBy: string; registeredAt: string } }
  | { type: 'MemberAdded'; data: { organisationId: string; subject: string; role: 'enterprise'; addedBy: string; addedAt: string } }
  | { type: 'MemberRemoved'; data: { organisationId: string; subject: string; removedBy: string; removedAt: string } };
