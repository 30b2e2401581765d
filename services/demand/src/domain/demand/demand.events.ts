import type { DemandChanges, DemandContent } from './demand.content';

/**
 * What happened to a demand (stream `demand-<id>`). Private to this service: the relay translates
 * the ones others need into the versioned contract (demand.translator.ts).
 */
export type DemandEvent =
  | { type: 'DemandDrafted'; data: { demandId: string; organisationId: string; authorId: string; content: DemandContent; draftedAt: string } }
  | { type: 'DemandDraftEdited'; data: { demandId: string; changes: DemandChanges; changedFields: string[]; editedBy: string; editedAt: string } }
  | { type: 'DemandSubmittedForReview'; data: { demandId: string; submittedBy: string; submittedAt: string } }
  | { type: 'DemandRejected'; data: { demandId: string; reason: string; rejectedBy: string; rejectedAt: string } }
  | { type: 'DemandPublished'; data: DemandPublishedData }
  | { type: 'DemandRevised'; data: DemandRevisedData }
  | { type: 'DemandClosed'; data: { demandId: string; organisationId: string; outcome: 'awarded' | 'not-awarded'; adoptedProposalIds: string[]; closedBy: string; closedAt: string } }
  | { type: 'DemandCancelled'; data: { demandId: string; organisationId: string; wasPublished: boolean; reason?: string; cancelledBy: string; cancelledAt: string } }
  | { type: 'DemandExpired'; data: { demandId: string; organisationId: string; deadline: string; expiredAt: string } };

/** Carries the contract's DemandPublished v2 fields, so the relay needs nothing but the event. */
export interface DemandPublishedData {
  demandId: string;
  organisationId: string;
  title: DemandContent['title'];
  domain: string;
  keywords: string[];
  publishedBy: string;
  publishedAt: string;
}

export interface DemandRevisedData {
  demandId: string;
  organisationId: string;
  /** 1 for the first revision after publication. */
  revision: number;
  changes: DemandChanges;
  changedFields: string[];
  /** Title, domain and keywords after the revision: what the contract announces. */
  title: DemandContent['title'];
  domain: string;
  keywords: string[];
  revisedBy: string;
  revisedAt: string;
}

export type DemandEventType = DemandEvent['type'];
