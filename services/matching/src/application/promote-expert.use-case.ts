import type { CommandMeta, Principal } from '@hope/kernel';
import type { ExpertDeps } from './registry.handlers';

/** An operator (the controller's role guard) promotes a user of interest to core user. */
export async function promoteExpert(deps: ExpertDeps, who: Principal, input: { expertId: string }, meta: CommandMeta): Promise<void> {
  await deps.experts.handle(input.expertId, { type: 'PromoteToCore', data: { expertId: input.expertId, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
