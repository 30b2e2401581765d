import type { Principal } from '@hope/kernel';
import type { Confidentiality, MatchQuery, Ranking } from '../domain/ranking/rank';
import type { Now } from './registry.handlers';

export interface RankExpertsInput {
  readonly text: string;
  readonly keywords?: string[];
  readonly domain?: string;
  readonly ownerOrganisationId?: string;
  readonly confidentiality?: Confidentiality;
  readonly limit?: number;
  readonly maxPerOrganisation?: number;
}

export interface RankExpertsDeps {
  readonly index: { rank(query: Omit<MatchQuery, 'policy'>): Ranking };
  readonly clock: Now;
}

/** Ranks experts for any text and filters, with explanations; writes nothing. */
export function rankExperts(deps: RankExpertsDeps, who: Principal, input: RankExpertsInput): Ranking {
  // An enterprise's own people are always a conflict for it: it cannot switch the filter off.
  const owner = who.role === 'enterprise' ? who.organisationId : input.ownerOrganisationId;
  const { text, keywords, domain, confidentiality, maxPerOrganisation } = input;
  return deps.index.rank({
    text,
    limit: input.limit ?? 20,
    now: deps.clock.now(),
    ...(keywords ? { keywords } : {}),
    ...(domain ? { domain } : {}),
    ...(owner ? { ownerOrganisationId: owner } : {}),
    ...(confidentiality ? { confidentiality } : {}),
    ...(maxPerOrganisation ? { maxPerOrganisation } : {}),
  });
}
