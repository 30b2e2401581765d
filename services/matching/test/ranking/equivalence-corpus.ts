import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateBackground } from '../../../../bench/src/matching-background';
import type { ExpertIndex, RankableExpert } from '../../src/domain/ranking/expert-index';
import { rankExperts, type MatchQuery } from '../../src/domain/ranking/rank';
import { loadLanguage } from '../../src/language/language';

/**
 * A fixed corpus for proving that a change of the index's data structures leaves every ranking as it
 * was: the hand-labelled set (bench/data/matching-labelled.json) plus seeded background profiles and
 * demands, each ranking reduced to a digest of its full JSON (matches, scores, explanations, exclusions).
 * The digests in golden/rankings.json were recorded with the index before the compact core (decision 0029);
 * a deliberate change of the scoring regenerates them: `npx ts-node services/matching/test/ranking/golden/record.ts`.
 */
interface Labelled {
  readonly now: string;
  readonly experts: readonly RankableExpert[];
  readonly demands: readonly { id: string; text: string; domain?: string; ownerOrganisationId?: string }[];
}

export const BACKGROUND = 3_000;

export function equivalenceCorpus(): { experts: RankableExpert[]; queries: MatchQuery[] } {
  const set = JSON.parse(readFileSync(join(__dirname, '../../../../bench/data/matching-labelled.json'), 'utf8')) as Labelled;
  const now = new Date(set.now);
  const gen = generateBackground(loadLanguage().lexicon, BACKGROUND, 150, 42);
  const queries: MatchQuery[] = [
    ...set.demands.map((d) => ({ text: d.text, limit: 20, now, ...(d.domain ? { domain: d.domain } : {}), ...(d.ownerOrganisationId ? { ownerOrganisationId: d.ownerOrganisationId } : {}) })),
    ...gen.demands.map((d) => ({ ...d, now })),
  ];
  return { experts: [...gen.experts, ...set.experts], queries };
}

export const rankingDigest = (index: ExpertIndex, q: MatchQuery): string => createHash('sha256').update(JSON.stringify(rankExperts(index, q))).digest('hex').slice(0, 16);
