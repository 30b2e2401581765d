import type { CommandMeta, Principal } from '@hope/kernel';
import type { DemandCommand } from '../../domain/demand/demand.commands';
import type { ExistingDemand } from '../../domain/demand/demand.state';
import type { DemandDeps } from './demand.deps';
import { visibleDemand } from './visible-demand';

/** The changes an owner or an operator makes to an existing demand through its life. */
export type DemandChange = Pick<Extract<DemandCommand, { type: 'EditDraft' | 'SubmitForReview' | 'PublishDemand' | 'RejectDemand' | 'ReviseDemand' | 'CancelDemand' }>, 'type' | 'data'>;

/** Edits, submits, publishes, rejects, revises or cancels a demand (the decider checks who may and when). */
export async function changeDemand(deps: Pick<DemandDeps, 'demands' | 'clock'>, input: { demandId: string; change: DemandChange; by: Principal }, meta: CommandMeta): Promise<ExistingDemand> {
  const command = { ...input.change, metadata: { now: deps.clock.now(), by: input.by } } as DemandCommand;
  const { state } = await deps.demands.handle(input.demandId, command, meta);
  return visibleDemand(state, input.by);
}
