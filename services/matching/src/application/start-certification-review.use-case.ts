import type { CommandMeta, Principal } from '@hope/kernel';
import type { ExpertDeps } from './registry.handlers';

/** An operator (the controller's role guard) takes an application into review. */
export async function startCertificationReview(deps: ExpertDeps, who: Principal, input: { expertId: string }, meta: CommandMeta): Promise<void> {
  await deps.experts.handle(input.expertId, { type: 'StartCertificationReview', data: { expertId: input.expertId, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
