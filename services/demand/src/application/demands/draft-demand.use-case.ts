import type { CommandMeta, Principal } from '@hope/kernel';
import type { DemandContent } from '../../domain/demand/demand.content';
import type { ExistingDemand } from '../../domain/demand/demand.state';
import type { DemandDeps } from './demand.deps';
import { visibleDemand } from './visible-demand';

/** Drafts a demand for the caller's organisation; the demand id is the command id (a retry drafts nothing twice). */
export async function draftDemand(deps: Pick<DemandDeps, 'demands' | 'clock'>, input: { content: DemandContent; by: Principal }, meta: CommandMeta): Promise<ExistingDemand> {
  const demandId = meta.commandId;
  const { state } = await deps.demands.handle(demandId, { type: 'DraftDemand', data: { demandId, content: input.content }, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return visibleDemand(state, input.by);
}
