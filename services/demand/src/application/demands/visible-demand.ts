import type { Principal } from '@hope/kernel';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import type { Demand, ExistingDemand } from '../../domain/demand/demand.state';
import { canSee, type ExpertAccess } from '../../domain/demand/demand.visibility';
import { hasAccepted } from '../../domain/nda/nda.decide';
import type { DemandDeps } from './demand.deps';

/** The demand if this viewer may see it; a 404 otherwise, so nothing leaks. */
export const visibleDemand = (d: Demand, viewer: Principal, access: ExpertAccess = {}): ExistingDemand => {
  if (d.status === 'none' || !canSee(d, viewer, access)) throw new DemandNotFound();
  return d;
};

/**
 * What an expert may reach of a non-public demand, read from the demand's own streams: NDA accepted
 * (confidential, `nda-<id>`), matched by the matching service (restricted, `funnel-<id>`; only
 * confidential demands take invitations). Nothing is read for other viewers or public demands.
 */
export async function expertAccess(deps: Pick<DemandDeps, 'ndas' | 'funnels'>, d: ExistingDemand, viewer: Principal): Promise<ExpertAccess> {
  if (viewer.role !== 'expert' || d.content.visibility === 'public') return {};
  if (d.content.visibility === 'confidential') return { ndaAccepted: hasAccepted(await deps.ndas.load(d.demandId), viewer.subject) };
  return { intended: (await deps.funnels.load(d.demandId)).matched.includes(viewer.subject) };
}

/** The demand, existing (404 otherwise); visibility is the caller's to check. */
export async function existingDemand(deps: Pick<DemandDeps, 'demands'>, demandId: string): Promise<ExistingDemand> {
  const d = await deps.demands.load(demandId);
  if (d.status === 'none') throw new DemandNotFound();
  return d;
}
