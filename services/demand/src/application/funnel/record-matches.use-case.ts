import type { CommandMeta } from '@hope/kernel';
import type { FunnelCommand } from '../../domain/funnel/funnel.decide';
import type { DemandDeps } from '../demands/demand.deps';

/**
 * Records the experts matching matched to a demand, from its integration event: the command id is the
 * source event's id, so a redelivery appends nothing. A consumer needs no read-your-writes: no wait.
 */
export async function recordMatches(deps: Pick<DemandDeps, 'funnels' | 'clock'>, data: Extract<FunnelCommand, { type: 'RecordMatches' }>['data'], meta: Omit<CommandMeta, 'commandId'>): Promise<void> {
  await deps.funnels.handle(data.demandId, { type: 'RecordMatches', data, metadata: { now: deps.clock.now() } }, { ...meta, commandId: data.sourceEventId }, { wait: false });
}
