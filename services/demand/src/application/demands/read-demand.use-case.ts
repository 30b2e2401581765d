import type { CommandMeta, Principal } from '@hope/kernel';
import type { ExistingDemand } from '../../domain/demand/demand.state';
import { viewCommandId } from '../../domain/funnel/funnel.decide';
import { confidentialDemand } from '../confidential/confidential-demand';
import type { DemandDeps } from './demand.deps';
import { existingDemand, expertAccess, visibleDemand } from './visible-demand';

/**
 * One demand, if the viewer may see it. Reading writes too: an expert opening a confidential demand is
 * on its audit trail (command id from the request), and an expert's first opening of a published demand
 * is the dashboard's "viewed" (command id = demand + expert, so it is recorded once).
 */
export async function readDemand(deps: DemandDeps, input: { demandId: string; by: Principal }, meta: CommandMeta): Promise<ExistingDemand> {
  const { by } = input;
  const d = await existingDemand(deps, input.demandId);
  const access = await expertAccess(deps, d, by);
  const shown = visibleDemand(d, by, access);
  const now = deps.clock.now();
  if (access.ndaAccepted) {
    await deps.ndas.handle(shown.demandId, { type: 'OpenConfidentialDetails', data: { demand: confidentialDemand(shown) }, metadata: { now, by } }, meta);
  }
  if (by.role === 'expert' && shown.status === 'published') {
    await deps.funnels.handle(shown.demandId, { type: 'RecordView', data: { demandId: shown.demandId, expertId: by.subject }, metadata: { now } }, { ...meta, commandId: viewCommandId(shown.demandId, by.subject) });
  }
  return shown;
}
