import { NotFoundError, type Principal } from '@hope/kernel';
import type { ResearchGroupHandler } from '../../domain/research-group/research-group.aggregate';
import type { ResearchGroupsQueries, ResearchGroupView } from '../../projections/research-groups/research-groups.queries';
import type { KnownReferences } from '../directory/known-references';

/** What the research-group use cases need; the HTTP controller assembles it from the module's providers. */
export interface ResearchGroupDeps {
  readonly groups: ResearchGroupHandler;
  readonly groupViews: ResearchGroupsQueries;
  /** Members and the demand a group works for must exist: learnt from matching's and demand's events. */
  readonly known: KnownReferences;
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
}

/**
 * A group working for a demand would tie that demand to its sponsor, and the seeker of an anonymous
 * demand must never reach an expert; consulting does not learn which demands are anonymous, so experts
 * never see the sponsor of a demand's group (the sponsor and staff do).
 */
export type GroupSeen = ResearchGroupView | Omit<ResearchGroupView, 'organisationId'>;
const seenBy = (who: Principal, group: ResearchGroupView): GroupSeen => {
  if (who.role !== 'expert' || !group.demandId) return group;
  const { organisationId: _sponsor, ...rest } = group;
  return rest;
};

/** Tenancy: the sponsoring enterprise and the group's (past) members see a group; staff all. Others get a 404, as if it did not exist. */
export const visibleGroup = (groupViews: ResearchGroupsQueries, who: Principal, groupId: string): GroupSeen => {
  const group = groupViews.get(groupId);
  const ok = group && (who.role === 'enterprise' ? group.organisationId === who.organisationId : who.role === 'expert' ? groupViews.isMember(groupId, who.subject) : true);
  if (!group || !ok) throw new NotFoundError('RESEARCH_GROUP.NOT_FOUND', `No research group ${groupId}`);
  return seenBy(who, group);
};

export const visibleGroups = (groupViews: ResearchGroupsQueries, who: Principal): { items: GroupSeen[] } => ({
  items: groupViews.list(who.role === 'enterprise' ? { organisationId: who.organisationId ?? '' } : who.role === 'expert' ? { memberId: who.subject } : 'all').map((g) => seenBy(who, g)),
});
