import type { CommandMeta, Principal } from '@hope/kernel';
import { assertSelf } from './expert-tenancy';
import type { ExpertDeps } from './registry.handlers';

/** A core user applies to become a certified partner; only for themself. */
export async function applyForCertification(deps: ExpertDeps, who: Principal, input: { expertId: string; motivation?: string }, meta: CommandMeta): Promise<void> {
  const { expertId, motivation } = input;
  assertSelf(who, expertId, 'apply for their own certification');
  await deps.experts.handle(expertId, { type: 'ApplyForCertification', data: { expertId, ...(motivation !== undefined ? { motivation } : {}) }, metadata: { now: deps.clock.now() } }, meta);
}
