import type { CommandMeta, Principal } from '@hope/kernel';
import type { ComplianceQueries } from '../projections/compliance/compliance.queries';
import { assertSelf } from './expert-tenancy';
import type { ExpertDeps } from './registry.handlers';

export interface AcceptTermsDeps extends ExpertDeps {
  readonly compliance: Pick<ComplianceQueries, 'policy'>;
}

/** The expert accepts the current terms (again every year); only for themself. */
export async function acceptTerms(deps: AcceptTermsDeps, who: Principal, input: { expertId: string; version: string }, meta: CommandMeta): Promise<void> {
  const { expertId, version } = input;
  assertSelf(who, expertId, 'accept the terms for themself');
  // A write decision from a read model: the version in force comes from the compliance projection.
  const current = deps.compliance.policy().currentTerms?.version;
  await deps.experts.handle(expertId, { type: 'AcceptTerms', data: { expertId, version, ...(current !== undefined ? { currentTerms: current } : {}) }, metadata: { now: deps.clock.now() } }, meta);
}
