import type { CommandMeta, Principal } from '@hope/kernel';
import type { ExpertDeps } from './registry.handlers';

export interface CertificationDecision {
  readonly expertId: string;
  readonly decision: 'certify' | 'refuse';
  /** Required when refusing (the request's validation checks it). */
  readonly reason?: string;
}

/** An operator certifies (ExpertCertified is published) or refuses with a reason. */
export async function decideCertification(deps: ExpertDeps, who: Principal, input: CertificationDecision, meta: CommandMeta): Promise<void> {
  const { expertId } = input;
  const now = deps.clock.now();
  await deps.experts.handle(
    expertId,
    input.decision === 'certify'
      ? { type: 'CertifyExpert', data: { expertId, by: who.subject }, metadata: { now } }
      : { type: 'RefuseCertification', data: { expertId, by: who.subject, reason: input.reason ?? '' }, metadata: { now } },
    meta,
  );
}
