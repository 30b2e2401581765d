import { ForbiddenError, NotFoundError, type AggregateHandler, type CommandMeta, type Principal } from '@hope/kernel';
import { compare, type Evaluations, type EvaluationCommand, type EvaluationEvent, type Scores, type Target, type TargetComparison } from '../../domain/evaluations/evaluation.decide';
import { mayManage } from '../../domain/resources/resource.decide';
import type { ResourceMatchesHandler } from '../resources/demand-resources.use-case';
import { actorOf } from '../resources/manage-resources.use-case';

export type EvaluationsHandler = AggregateHandler<Evaluations, EvaluationCommand, EvaluationEvent>;
export interface EvaluateDeps {
  readonly evaluations: EvaluationsHandler;
  readonly resourceMatches: ResourceMatchesHandler;
  readonly clock: { now(): Date };
}

/**
 * Scores a proposal or a resource for a demand. The demand's owner and the resources considered for
 * it come from its resource matches (recorded when matching saw the demand); a resource attached or
 * matched later is considered from then on, never un-considered, so reading it first is safe.
 */
export async function evaluate(deps: EvaluateDeps, who: Principal, input: { demandId: string; target: Target; scores: Scores; comment?: string }, meta: CommandMeta): Promise<void> {
  const matched = await deps.resourceMatches.load(input.demandId);
  await deps.evaluations.handle(
    input.demandId,
    {
      type: 'Evaluate',
      data: {
        ...input,
        by: actorOf(who),
        ...(matched.ownerOrganisationId !== undefined ? { ownerOrganisationId: matched.ownerOrganisationId } : {}),
        resourceConsidered: input.target.kind === 'resource' && matched.considered.has(input.target.id),
      },
      metadata: { now: deps.clock.now() },
    },
    meta,
  );
}

/** The comparison of a demand's evaluated proposals and resources: its owner's members and staff. */
export async function demandEvaluations(deps: EvaluateDeps, who: Principal, demandId: string): Promise<{ demandId: string; criteria: string[]; targets: TargetComparison[] }> {
  const matched = await deps.resourceMatches.load(demandId);
  if (matched.ownerOrganisationId === undefined) throw new NotFoundError('DEMAND.NOT_FOUND', `Matching knows no published demand ${demandId}`);
  if (!mayManage(actorOf(who), matched.ownerOrganisationId)) throw new ForbiddenError('DEMAND.NOT_YOURS', `Only members of organisation ${matched.ownerOrganisationId} and staff see the evaluations for demand ${demandId}`);
  const state = await deps.evaluations.load(demandId);
  return { demandId, criteria: ['novelty', 'feasibility', 'cost', 'ip', 'trlFit'], targets: compare(state) };
}
