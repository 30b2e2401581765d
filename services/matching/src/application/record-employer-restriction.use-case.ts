import type { CommandMeta, Principal } from '@hope/kernel';
import type { EmployerRestriction } from '../domain/compliance/compliance';
import { assertSelfOrOperator } from './expert-tenancy';
import type { ExpertDeps } from './registry.handlers';

/** The expert declares an employer restriction, or an operator records it: a hard filter in ranking and the conflict check. */
export async function recordEmployerRestriction(deps: ExpertDeps, who: Principal, input: { expertId: string; restriction: EmployerRestriction }, meta: CommandMeta): Promise<void> {
  const { expertId, restriction } = input;
  assertSelfOrOperator(who, expertId, 'record an employer restriction of');
  await deps.experts.handle(expertId, { type: 'RecordEmployerRestriction', data: { expertId, restriction, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
