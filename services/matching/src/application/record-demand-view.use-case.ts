import type { AggregateHandler, Principal } from '@hope/kernel';
import type { Funnel, FunnelCommand, FunnelEvent } from '../domain/funnel/funnel.decide';
import type { FunnelEntry, FunnelQueries } from '../projections/funnel/funnel.queries';
import type { Now } from './registry.handlers';

export interface RecordDemandViewDeps {
  readonly funnels: AggregateHandler<Funnel, FunnelCommand, FunnelEvent>;
  readonly funnel: Pick<FunnelQueries, 'forExpert'>;
  readonly clock: Now;
}

/** The calling expert opened the demand: the "viewed" step, the first view counts. Answers the expert's funnel entry for it. */
export async function recordDemandView(deps: RecordDemandViewDeps, who: Principal, input: { demandId: string }): Promise<FunnelEntry | undefined> {
  const { demandId } = input;
  await deps.funnels.handle(
    demandId,
    { type: 'RecordFunnelStep', data: { demandId, expertId: who.subject, step: 'viewed', at: deps.clock.now().toISOString() } },
    // One id per expert and demand: a repeated view is the same command.
    { commandId: `${demandId}:${who.subject}` },
  );
  return deps.funnel.forExpert(who.subject).demands.find((d) => d.demandId === demandId);
}
