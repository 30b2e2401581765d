import type { Principal } from '@hope/kernel';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import type { Demand, ExistingDemand } from '../../domain/demand/demand.state';
import { canSee } from '../../domain/demand/demand.visibility';
import { hasAccepted } from '../../domain/nda/nda.decide';
import type { DemandDeps } from './demand.deps';

/** The demand if this viewer may see it; a 404 otherwise, so nothing leaks. */
export const visibleDemand = (d: Demand, viewer: Principal, ndaAccepted = false): ExistingDemand => {
  if (d.status === 'none' || !canSee(d, viewer, ndaAccepted)) throw new DemandNotFound();
  return d;
};

/** Whether this viewer is an expert who accepted the demand's NDA (only asked for confidential demands). */
export async function ndaAccepted(deps: Pick<DemandDeps, 'ndas'>, d: ExistingDemand, viewer: Principal): Promise<boolean> {
  if (viewer.role !== 'expert' || d.content.visibility !== 'confidential') return false;
  return hasAccepted(await deps.ndas.load(d.demandId), viewer.subject);
}

/** The demand, existing (404 otherwise); visibility is the caller's to check. */
export async function existingDemand(deps: Pick<DemandDeps, 'demands'>, demandId: string): Promise<ExistingDemand> {
  const d = await deps.demands.load(demandId);
  if (d.status === 'none') throw new DemandNotFound();
  return d;
}
