import type { CommandMeta, Principal } from '@hope/kernel';
import { assertSelfOrOperator } from './expert-tenancy';
import type { ExpertDeps } from './registry.handlers';

/** The expert or an operator lifts an employer restriction. */
export async function liftEmployerRestriction(deps: ExpertDeps, who: Principal, input: { expertId: string; restrictionId: string }, meta: CommandMeta): Promise<void> {
  const { expertId, restrictionId } = input;
  assertSelfOrOperator(who, expertId, 'lift an employer restriction of');
  await deps.experts.handle(expertId, { type: 'LiftEmployerRestriction', data: { expertId, restrictionId, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
