import type { Tier } from '../../src/domain/expert/expert.events';
import type { Profile } from '../../src/domain/expert/profile';
import { ExpertIndex, type RankableExpert } from '../../src/domain/ranking/expert-index';
import { rankExperts, type MatchQuery } from '../../src/domain/ranking/rank';
import { defaultAnalyzer } from '../../src/language/language';

/** Helpers of the ranking specs: the real analyzer (jieba + CC-CEDICT), experts written in a line. */
export const now = new Date('2026-06-01T00:00:00Z');
export const expert = (expertId: string, profile: Omit<Profile, 'name'>, tier: Tier = 'core'): RankableExpert => ({ expertId, tier, profile: { name: expertId, ...profile } });
export const indexOf = (experts: readonly RankableExpert[]): ExpertIndex => {
  const index = new ExpertIndex(defaultAnalyzer());
  for (const e of experts) index.upsert(e);
  return index;
};
export const rank = (experts: readonly RankableExpert[], q: Partial<MatchQuery> & { text: string }) => rankExperts(indexOf(experts), { limit: 10, now, ...q });
export const ids = (experts: readonly RankableExpert[], q: Partial<MatchQuery> & { text: string }) => rank(experts, q).matches.map((m) => m.expertId);
