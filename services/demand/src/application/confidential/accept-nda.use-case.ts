import type { CommandMeta, Principal } from '@hope/kernel';
import { DemandNotFound } from '../../domain/demand/demand.decide';
import { STANDARD_NDA } from '../../domain/nda/nda.events';
import type { DemandDeps } from '../demands/demand.deps';
import { existingDemand } from '../demands/visible-demand';
import { confidentialDemand } from './confidential-demand';

/** An invited expert accepts a confidential demand's NDA; once per expert (command id = demand + expert). */
export async function acceptNda(deps: Pick<DemandDeps, 'demands' | 'ndas' | 'clock'>, input: { demandId: string; by: Principal }, meta: Omit<CommandMeta, 'commandId'>): Promise<{ ndaVersion: string | undefined }> {
  const d = await existingDemand(deps, input.demandId);
  if (d.content.visibility !== 'confidential') throw new DemandNotFound();
  const command = { type: 'AcceptNda', data: { demand: confidentialDemand(d), ndaVersion: STANDARD_NDA.version }, metadata: { now: deps.clock.now(), by: input.by } } as const;
  const { state } = await deps.ndas.handle(input.demandId, command, { ...meta, commandId: `${input.demandId}:nda:${input.by.subject}` });
  return { ndaVersion: state.accepted[input.by.subject] };
}
