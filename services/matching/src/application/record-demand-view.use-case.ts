import { NotFoundError, type AggregateHandler, type Principal } from '@hope/kernel';
import type { Funnel, FunnelCommand, FunnelEvent } from '../domain/funnel/funnel.decide';
import { mayView, type Matches, type MatchesCommand, type MatchesEvent } from '../domain/matches/matches.decide';
import type { FunnelEntry, FunnelQueries } from '../projections/funnel/funnel.queries';
import type { Now } from './registry.handlers';

export interface RecordDemandViewDeps {
  readonly funnels: AggregateHandler<Funnel, FunnelCommand, FunnelEvent>;
  readonly matches: Pick<AggregateHandler<Matches, MatchesCommand, MatchesEvent>, 'load'>;
  readonly funnel: Pick<FunnelQueries, 'forExpert'>;
  readonly clock: Now;
}

/**
 * The calling expert opened the demand: the "viewed" step, the first view counts. Answers the expert's
 * funnel entry for it. A confidential demand is opened only by experts invited to it or who accepted
 * its NDA (the demand's matches stream knows both); anyone else is told it does not exist, as the demand
 * service would.
 */
export async function recordDemandView(deps: RecordDemandViewDeps, who: Principal, input: { demandId: string }): Promise<FunnelEntry | undefined> {
  const { demandId } = input;
  if (!mayView(await deps.matches.load(demandId), who.subject)) throw new NotFoundError('DEMAND.NOT_FOUND', `No demand ${demandId}`);
  await deps.funnels.handle(
    demandId,
    { type: 'RecordFunnelStep', data: { demandId, expertId: who.subject, step: 'viewed', at: deps.clock.now().toISOString() } },
    // One id per expert and demand: a repeated view is the same command.
    { commandId: `${demandId}:${who.subject}` },
  );
  return deps.funnel.forExpert(who.subject).demands.find((d) => d.demandId === demandId);
}
