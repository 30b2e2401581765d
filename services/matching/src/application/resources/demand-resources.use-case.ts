import { ForbiddenError, NotFoundError, type AggregateHandler, type CommandMeta, type Principal } from '@hope/kernel';
import { mayManage } from '../../domain/resources/resource.decide';
import { resourceScope, type ResourceMatch, type ResourceMatches, type ResourceMatchesCommand, type ResourceMatchesEvent } from '../../domain/resources/resource-matches.decide';
import type { ResourceQueries, ResourceView } from '../../projections/resources/resources.queries';
import { actorOf, type ResourceHandler } from './manage-resources.use-case';

export type ResourceMatchesHandler = AggregateHandler<ResourceMatches, ResourceMatchesCommand, ResourceMatchesEvent>;

type Summary = Pick<ResourceView, 'resourceId' | 'kind' | 'title' | 'ownerOrganisationId' | 'trl' | 'ipStatus' | 'region' | 'status'>;
const summaryOf = (v: ResourceView): Summary => ({ resourceId: v.resourceId, kind: v.kind, title: v.title, ownerOrganisationId: v.ownerOrganisationId, trl: v.trl, ipStatus: v.ipStatus, region: v.region, status: v.status });

/** A demand's resource matches are its owner's business: its organisation's members and staff see them. */
async function ownedDemand(matches: ResourceMatchesHandler, who: Principal, demandId: string): Promise<ResourceMatches & { ownerOrganisationId: string }> {
  const state = await matches.load(demandId);
  if (state.ownerOrganisationId === undefined) throw new NotFoundError('MATCHES.NOT_FOUND', `No resources matched with demand ${demandId}`);
  if (!mayManage(actorOf(who), state.ownerOrganisationId)) throw new ForbiddenError('DEMAND.NOT_YOURS', `Only members of the organisation that published demand ${demandId} or staff see its resource matches`);
  return state as ResourceMatches & { ownerOrganisationId: string };
}

/** The latest resources matched with a demand (or one sub-problem), with explanations and what each resource is now, and those attached by hand. */
export async function demandResourceMatches(deps: { matches: ResourceMatchesHandler; queries: ResourceQueries }, who: Principal, input: { demandId: string; subProblemId?: string }) {
  const state = await ownedDemand(deps.matches, who, input.demandId);
  const latest = state.latest.get(resourceScope(input.subProblemId));
  if (!latest) throw new NotFoundError('MATCHES.NOT_FOUND', `No resources matched with sub-problem ${input.subProblemId ?? ''} of demand ${input.demandId}`);
  const views = deps.queries.resources([...latest.matches.map((m) => m.resourceId), ...state.attached]);
  const withResource = (m: ResourceMatch) => ({ ...m, ...(views.has(m.resourceId) ? { resource: summaryOf(views.get(m.resourceId)!) } : {}) });
  return {
    demandId: input.demandId,
    ...(input.subProblemId !== undefined ? { subProblemId: input.subProblemId } : {}),
    matchedAt: latest.matchedAt,
    matches: latest.matches.map(withResource),
    attached: state.attached.flatMap((id) => (views.has(id) ? [summaryOf(views.get(id)!)] : [])),
  };
}

/** The owner (or staff) attaches a resource it found itself, so it can be evaluated for the demand. */
export async function attachResource(deps: { matches: ResourceMatchesHandler; resources: ResourceHandler; clock: { now(): Date } }, who: Principal, input: { demandId: string; resourceId: string }, meta: CommandMeta): Promise<void> {
  const resource = await deps.resources.load(input.resourceId);
  await deps.matches.handle(
    input.demandId,
    { type: 'AttachResource', data: { demandId: input.demandId, resourceId: input.resourceId, resourceActive: resource.status === 'active', by: actorOf(who) }, metadata: { now: deps.clock.now() } },
    meta,
  );
}
