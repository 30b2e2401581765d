import { ForbiddenError, NotFoundError, type Principal } from '@hope/kernel';
import { conflictsWith, termsStatus } from '../domain/compliance/compliance';
import type { ComplianceQueries } from '../projections/compliance/compliance.queries';
import type { RegistryQueries } from '../projections/registry/registry.queries';
import type { Now } from './registry.handlers';

export interface CheckConflictDeps {
  readonly registry: Pick<RegistryQueries, 'expert'>;
  readonly compliance: Pick<ComplianceQueries, 'policy'>;
  readonly clock: Now;
  /** Names the organisation is known by (those experts gave with its id): an employment given by name only is matched on them. */
  readonly organisationNames?: (organisationId: string) => readonly string[];
}

/**
 * Whether the expert may work for the organisation now: conflicts (same current employer, employer
 * restriction, cooling-off; the employer by id or by name) with reasons, and the terms status. Other services' gates call it.
 */
export function checkConflict(deps: CheckConflictDeps, who: Principal, input: { expertId: string; organisationId: string }) {
  const { expertId, organisationId } = input;
  // An enterprise checks only for itself: it must not learn who is barred from its competitors.
  if (who.role === 'enterprise' && who.organisationId !== organisationId) throw new ForbiddenError('CONFLICT_CHECK.NOT_YOURS', 'An enterprise checks conflicts for its own organisation only');
  const expert = deps.registry.expert(expertId);
  if (!expert) throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
  const now = deps.clock.now();
  const policy = deps.compliance.policy();
  const reasons = expert.erased ? [] : conflictsWith({ employers: expert.profile.employers ?? [], restrictions: expert.restrictions }, { organisationId, names: deps.organisationNames?.(organisationId) ?? [] }, policy, now);
  const terms = termsStatus(expert.terms, policy, now);
  return {
    expertId,
    organisationId,
    conflict: reasons.length > 0,
    reasons,
    terms: { status: terms, ...(policy.currentTerms ? { currentVersion: policy.currentTerms.version } : {}), ...(expert.terms ? { accepted: expert.terms } : {}) },
    erased: expert.erased,
    // One flag for a gate: no conflict, terms in order, and someone left to work with.
    cleared: reasons.length === 0 && (terms === 'current' || terms === 'not-required') && !expert.erased,
    checkedAt: now.toISOString(),
  };
}
