import type { DemandContent } from '../demand/demand.content';
import type { NeedOrigin } from '../demand/demand.events';
import type { ExistingNeed } from './need.state';

/** How long a listed need takes answers: its demand's deadline is this long after the listing. */
export const NEED_OPEN_MS = 90 * 86_400_000;

/**
 * A paid need as the demand it is listed as (ADR 0024): the expert's title, description, domain and
 * keywords; public, not anonymous (the need was public once published); an early-stage question
 * (maturity `idea`, TRL 1), no IP terms, no sub-problems, open for NEED_OPEN_MS from the listing.
 */
export function needAsDemand(n: ExistingNeed, now: Date): { need: NeedOrigin; content: DemandContent; approvedBy: string } {
  const content: DemandContent = {
    title: n.content.title,
    description: n.content.description,
    domain: n.content.domain,
    keywords: [...n.content.keywords],
    capabilities: [],
    subProblems: [],
    maturity: 'idea',
    trl: 1,
    ipTerms: 'none',
    deadline: new Date(now.getTime() + NEED_OPEN_MS).toISOString(),
    visibility: 'public',
    anonymous: false,
  };
  return { need: { needId: n.needId, expertId: n.expertId, points: n.points ?? 0 }, content, approvedBy: n.approvedBy ?? 'demand' };
}
