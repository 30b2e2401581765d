import type { CommandMeta, Principal } from '@hope/kernel';
import type { NdaAccess } from '../../domain/nda/nda.decide';
import type { DemandDeps } from '../demands/demand.deps';
import { existingDemand } from '../demands/visible-demand';
import { confidentialDemand } from './confidential-demand';

/** Invites experts to a confidential demand (its organisation or an operator: the decider checks). */
export async function inviteExperts(deps: Pick<DemandDeps, 'demands' | 'ndas' | 'clock'>, input: { demandId: string; expertIds: string[]; by: Principal }, meta: CommandMeta): Promise<NdaAccess> {
  const demand = confidentialDemand(await existingDemand(deps, input.demandId));
  const { state } = await deps.ndas.handle(input.demandId, { type: 'InviteExperts', data: { demand, expertIds: input.expertIds }, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return state;
}
