import type { DemandChanges, DemandContent } from './demand.content';

/**
 * What happened to a demand (stream `demand-<id>`). Private to this service: the relay translates
 * the ones others need into the versioned contract (demand.translator.ts).
 */
export type DemandEvent =
  | { type: 'DemandDrafted'; data: { demandId: string; organisationId: string; authorId: string; content: DemandContent; draftedAt: string; need?: NeedOrigin } }
  | { type: 'DemandDraftEdited'; data: { demandId: string; changes: DemandChanges; changedFields: string[]; editedBy: string; editedAt: string } }
  | { type: 'DemandSubmittedForReview'; data: { demandId: string; submittedBy: string; submittedAt: string } }
  | { type: 'DemandRejected'; data: { demandId: string; reason: string; rejectedBy: string; rejectedAt: string } }
  | { type: 'DemandPublished'; data: DemandPublishedData }
  | { type: 'DemandRevised'; data: DemandRevisedData }
  | { type: 'DemandClosed'; data: { demandId: string; organisationId: string; outcome: 'awarded' | 'not-awarded'; adoptedProposalIds: string[]; closedBy: string; closedAt: string } }
  | { type: 'DemandCancelled'; data: { demandId: string; organisationId: string; wasPublished: boolean; reason?: string; cancelledBy: string; cancelledAt: string } }
  | { type: 'DemandExpired'; data: { demandId: string; organisationId: string; deadline: string; expiredAt: string } };

/**
 * A demand an expert asked for by publishing a need with points (ADR 0024): drafted and published in one
 * step once the need is paid for; its seeker is the expert, its organisation NEED_SEEKER_ORGANISATION.
 */
export interface NeedOrigin {
  readonly needId: string;
  readonly expertId: string;
  /** What the expert paid to publish it. */
  readonly points: number;
}

/** What a demand asks for, as the contract announces it (DemandPublished v3, DemandRevised v2). */
export interface DemandSubject {
  title: DemandContent['title'];
  description: DemandContent['description'];
  domain: string;
  keywords: string[];
  capabilities: string[];
  subProblems: { id: string; title: DemandContent['title']; capabilities: string[] }[];
  visibility: DemandContent['visibility'];
}

/**
 * Carries the contract's DemandPublished fields, so the relay needs nothing but the event. Events
 * recorded before v3 lack the subject's newer fields; the translator fills them from defaults.
 */
export interface DemandPublishedData extends DemandSubject {
  demandId: string;
  organisationId: string;
  publishedBy: string;
  publishedAt: string;
}

export interface DemandRevisedData extends DemandSubject {
  demandId: string;
  organisationId: string;
  /** 1 for the first revision after publication. */
  revision: number;
  changes: DemandChanges;
  changedFields: string[];
  revisedBy: string;
  revisedAt: string;
}

export type DemandEventType = DemandEvent['type'];
