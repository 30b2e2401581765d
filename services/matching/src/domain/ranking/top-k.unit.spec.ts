import type { Tier } from '../expert/expert.events';
import { ExpertIndex, NO_TRACK_RECORD } from './expert-index';
import { GLOSSARY } from './glossary';
import { rankExperts, type MatchQuery } from './rank';

/** mulberry32: the same profiles on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const now = new Date('2026-06-01T00:00:00Z');
const FILLER = ['design', 'testing', 'control', 'quality', '研发', '设计', 'system'];
const DOMAINS = ['hvac', 'materials', 'energy', 'water'];

/** Pruning must not change a single result: the pruned search equals scoring every profile, explanations and exclusions included. */
describe('MaxScore pruning is exact', () => {
  const rnd = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const index = new ExpertIndex();
  for (let i = 0; i < 2000; i++) {
    const concepts = [pick(GLOSSARY), pick(GLOSSARY)];
    const zh = rnd() < 0.5;
    const org = Math.floor(rnd() * 12);
    const id = `e${i}`;
    index.upsert({
      expertId: id,
      tier: pick<Tier>(['interest', 'core', 'certified']),
      profile: {
        name: id,
        expertise: zh ? { zh: concepts.map((c) => pick(c.zh)).join('和') + pick(FILLER) } : { en: `${concepts.map((c) => pick(c.en)).join(' and ')} ${pick(FILLER)}` },
        skills: rnd() < 0.7 ? [{ name: pick(concepts[0]!.en), lastPractised: 2012 + Math.floor(rnd() * 14) }] : [],
        domains: [pick(DOMAINS)],
        employers: [{ employer: `Org ${org}`, organisationId: `org-${org}`, from: '2015-01' }],
        availability: pick(['available', 'limited', 'unavailable'] as const),
      },
    });
    if (rnd() < 0.3) index.setTrackRecord(id, { ...NO_TRACK_RECORD, invited: 3, responded: Math.floor(rnd() * 4), adopted: Math.floor(rnd() * 2), rated: 2, ratingSum: 2 + Math.floor(rnd() * 9) });
  }
  // Removals and re-indexing leave looser bounds behind: they must stay upper bounds.
  for (let i = 0; i < 300; i += 3) index.remove(`e${i}`);

  const queries: MatchQuery[] = Array.from({ length: 24 }, (_, i) => {
    const c = pick(GLOSSARY);
    return {
      text: i % 2 === 0 ? `${pick(c.zh)}${pick(FILLER)}` : `${pick(c.en)} ${pick(FILLER)}`,
      ...(i % 3 === 0 ? { domain: pick(DOMAINS) } : {}),
      ...(i % 4 === 0 ? { ownerOrganisationId: `org-${i % 12}` } : {}),
      ...(i % 5 === 0 ? { confidentiality: 'restricted' as const } : {}),
      limit: i % 2 === 0 ? 20 : 5,
      ...(i % 7 === 0 ? { maxPerOrganisation: 1 } : {}),
      now,
    };
  });

  it.each(queries.map((q, i) => [i, q] as const))('query %i: same matches, scores, explanations and exclusions as the exhaustive scan', (_, q) => {
    const pruned = rankExperts(index, q);
    expect(pruned).toEqual(rankExperts(index, q, 'every-profile'));
    expect(pruned.matches.length).toBeGreaterThan(0);
  });
});
