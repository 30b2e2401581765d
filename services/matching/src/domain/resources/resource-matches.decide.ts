import { IllegalStateError, NotFoundError, ForbiddenError } from '@hope/kernel';
import { mayManage, type Actor } from './resource.decide';
import type { ResourceExplanation } from './resource-index';

/** One resource proposed for a demand (or a sub-problem), with why. */
export interface ResourceMatch {
  readonly resourceId: string;
  readonly rank: number;
  readonly score: number;
  readonly explanation: ResourceExplanation;
}

export interface ResourceRanking {
  readonly subProblemId?: string;
  readonly matches: readonly ResourceMatch[];
}

/**
 * The resources matched with a demand and each of its sub-problems (every ranking recorded, a revision
 * re-ranks), and the resources the owner or staff attached to it by hand. The owning organisation is
 * kept from the demand's event: it decides who may see and attach.
 */
export type ResourceMatchesEvent =
  | {
      type: 'ResourcesMatched';
      data: { demandId: string; subProblemId?: string; ownerOrganisationId: string; sourceEventId: string; matches: readonly ResourceMatch[]; matchedAt: string };
    }
  | { type: 'ResourceAttachedToDemand'; data: { demandId: string; resourceId: string; attachedBy: Actor; attachedAt: string } };

export type ResourceMatchesCommand =
  | { type: 'RecordResourceMatches'; data: { demandId: string; ownerOrganisationId: string; sourceEventId: string; rankings: readonly ResourceRanking[] }; metadata: { now: Date } }
  | { type: 'AttachResource'; data: { demandId: string; resourceId: string; resourceActive: boolean; by: Actor }; metadata: { now: Date } };

export type RecordedResourceMatches = Extract<ResourceMatchesEvent, { type: 'ResourcesMatched' }>['data'];

export interface ResourceMatches {
  ownerOrganisationId?: string;
  /** The latest ranking per scope ('' the demand, `sp:<id>` a sub-problem). */
  latest: ReadonlyMap<string, RecordedResourceMatches>;
  attached: readonly string[];
  /** Every resource ever matched or attached: what may be evaluated for this demand. */
  considered: ReadonlySet<string>;
}

export const resourceScope = (subProblemId: string | undefined): string => (subProblemId === undefined ? '' : `sp:${subProblemId}`);

export const initialState: ResourceMatches = { latest: new Map(), attached: [], considered: new Set() };

export const decide = (cmd: ResourceMatchesCommand, s: ResourceMatches): ResourceMatchesEvent[] => {
  const at = cmd.metadata.now.toISOString();
  switch (cmd.type) {
    case 'RecordResourceMatches': {
      const { demandId, ownerOrganisationId, sourceEventId } = cmd.data;
      return cmd.data.rankings.map((r) => ({
        type: 'ResourcesMatched' as const,
        data: { demandId, ...(r.subProblemId !== undefined ? { subProblemId: r.subProblemId } : {}), ownerOrganisationId, sourceEventId, matches: r.matches, matchedAt: at },
      }));
    }
    case 'AttachResource': {
      const { demandId, resourceId, by } = cmd.data;
      if (s.ownerOrganisationId === undefined) throw new NotFoundError('DEMAND.NOT_FOUND', `Matching knows no published demand ${demandId}`);
      if (!mayManage(by, s.ownerOrganisationId)) throw new ForbiddenError('DEMAND.NOT_YOURS', `Only members of organisation ${s.ownerOrganisationId} or staff attach resources to demand ${demandId}`);
      if (s.attached.includes(resourceId)) return [];
      if (!cmd.data.resourceActive) throw new IllegalStateError('RESOURCE.NOT_ACTIVE', `Resource ${resourceId} does not exist or was withdrawn`, { status: 422, fields: [{ field: 'resourceId', reason: 'is not an active resource' }] });
      return [{ type: 'ResourceAttachedToDemand', data: { demandId, resourceId, attachedBy: by, attachedAt: at } }];
    }
  }
};

export const evolve = (s: ResourceMatches, e: ResourceMatchesEvent): ResourceMatches => {
  switch (e.type) {
    case 'ResourcesMatched':
      return {
        ...s,
        ownerOrganisationId: e.data.ownerOrganisationId,
        latest: new Map([...s.latest, [resourceScope(e.data.subProblemId), e.data]]),
        considered: new Set([...s.considered, ...e.data.matches.map((m) => m.resourceId)]),
      };
    case 'ResourceAttachedToDemand':
      return { ...s, attached: [...s.attached, e.data.resourceId], considered: new Set([...s.considered, e.data.resourceId]) };
    default:
      return s;
  }
};

export const resourceMatchesDecider = { decide, evolve, initialState };
export const resourceMatchesStream = (demandId: string): string => `resource-matches-${demandId}`;
