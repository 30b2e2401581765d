import type { Principal } from '@hope/kernel';
import type { DemandDeps } from './demand.deps';

const scheduler: Principal = { subject: 'demand', role: 'service' };

/**
 * Writes DemandExpired for a demand the catalogue nominated. The decider re-checks against the stream
 * (a revision may have moved the deadline, a close may have raced the job), and the command id (demand +
 * deadline) makes a rerun or a second replica append nothing twice.
 */
export async function expireDemand(deps: Pick<DemandDeps, 'demands' | 'clock'>, due: { demandId: string; deadline: string }): Promise<void> {
  await deps.demands.handle(due.demandId, { type: 'ExpireDemand', data: {}, metadata: { now: deps.clock.now(), by: scheduler } }, { commandId: `${due.demandId}:expire:${due.deadline}` });
}
