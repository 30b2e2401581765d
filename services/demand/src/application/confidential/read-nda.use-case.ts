import type { EventStore, Principal } from '@hope/kernel';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import { isOwner, readsAsStaff } from '../../domain/demand/demand.visibility';
import { ndaStream } from '../../domain/nda/nda.decide';
import { STANDARD_NDA } from '../../domain/nda/nda.events';
import type { DemandDeps } from '../demands/demand.deps';
import { existingDemand } from '../demands/visible-demand';

/** The NDA of a confidential demand, for an expert invited to it (404 for anyone else: nothing leaks). */
export async function readNda(deps: Pick<DemandDeps, 'demands' | 'ndas'>, input: { demandId: string; by: Principal }) {
  const d = await existingDemand(deps, input.demandId);
  const s = await deps.ndas.load(input.demandId);
  if (d.content.visibility !== 'confidential' || !s.invited.includes(input.by.subject)) throw new DemandNotFound();
  return { demandId: input.demandId, ndaVersion: STANDARD_NDA.version, terms: STANDARD_NDA.terms, accepted: s.accepted[input.by.subject] !== undefined };
}

/**
 * The audit trail: every invitation, acceptance and opening, oldest first, with the time each was
 * recorded (staff and the seeking organisation). Read from the `nda-<id>` stream itself: the record is
 * the audit trail, so no read model stands between.
 */
export async function ndaAuditTrail(deps: Pick<DemandDeps, 'demands'> & { store: Pick<EventStore, 'readStream'> }, input: { demandId: string; by: Principal }) {
  const d = await existingDemand(deps, input.demandId);
  if (!readsAsStaff(input.by) && !isOwner(d, input.by)) throw new DemandNotFound();
  const items: { type: string; at: string; data: unknown }[] = [];
  for await (const e of deps.store.readStream(ndaStream(input.demandId))) items.push({ type: e.type, at: e.recordedAt.toISOString(), data: e.data });
  return { demandId: input.demandId, items };
}
