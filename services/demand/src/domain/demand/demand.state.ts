import type { DemandContent } from './demand.content';
import type { DemandEvent, NeedOrigin } from './demand.events';

export type DemandStatus = 'draft' | 'submitted' | 'rejected' | 'published' | 'closed' | 'cancelled' | 'expired';

export interface RevisionRecord {
  readonly revision: number;
  readonly changedFields: readonly string[];
  readonly by: string;
  readonly at: string;
}

export type Demand =
  | { readonly status: 'none' }
  | {
      readonly status: DemandStatus;
      readonly demandId: string;
      readonly organisationId: string;
      readonly authorId: string;
      readonly content: DemandContent;
      readonly draftedAt: string;
      readonly publishedAt?: string;
      readonly rejection?: { reason: string; at: string };
      readonly revisions: readonly RevisionRecord[];
      readonly outcome?: 'awarded' | 'not-awarded';
      readonly endedAt?: string;
      /** Set when an expert asked for it as a paid need: that expert is its seeker. */
      readonly need?: NeedOrigin;
    };

export type ExistingDemand = Exclude<Demand, { status: 'none' }>;

export const initialState: Demand = { status: 'none' };

const merge = (content: DemandContent, changes: object): DemandContent => ({
  ...content,
  ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
});

/** Total: every recorded event folds, whatever the state (old history must always replay). */
export const evolve = (s: Demand, e: DemandEvent): Demand => {
  if (e.type === 'DemandDrafted') {
    const { demandId, organisationId, authorId, content, draftedAt, need } = e.data;
    return { status: 'draft', demandId, organisationId, authorId, content, draftedAt, revisions: [], ...(need ? { need } : {}) };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'DemandDraftEdited':
      return { ...s, status: 'draft', content: merge(s.content, e.data.changes) };
    case 'DemandSubmittedForReview':
      return { ...s, status: 'submitted' };
    case 'DemandRejected':
      return { ...s, status: 'rejected', rejection: { reason: e.data.reason, at: e.data.rejectedAt } };
    case 'DemandPublished':
      return { ...s, status: 'published', publishedAt: e.data.publishedAt };
    case 'DemandRevised': {
      const record = { revision: e.data.revision, changedFields: e.data.changedFields, by: e.data.revisedBy, at: e.data.revisedAt };
      return { ...s, content: merge(s.content, e.data.changes), revisions: [...s.revisions, record] };
    }
    case 'DemandClosed':
      return { ...s, status: 'closed', outcome: e.data.outcome, endedAt: e.data.closedAt };
    case 'DemandCancelled':
      return { ...s, status: 'cancelled', endedAt: e.data.cancelledAt };
    case 'DemandExpired':
      return { ...s, status: 'expired', endedAt: e.data.expiredAt };
    default:
      return s;
  }
};
