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

/**
 * What the postings search relies on, each against the exhaustive scan: dense slots reused after removals,
 * cached query-independent factors that a track record or profile change must reset, the skill masks of the
 * postings (skills past the eighth share one bit; multi-word skills outside the glossary need all their words),
 * and skills without any key, which match every query although no posting holds them.
 */
describe('the postings search stays exact as the index changes', () => {
  const rnd = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const WORDS = ['finite element analysis', 'rotor dynamics', 'cfd simulation', 'signal processing', '有限元分析', '转子动力学'];
  const profile = (id: string, i: number) => {
    const c = pick(GLOSSARY);
    const many = i % 10 === 0;
    return {
      expertId: id,
      tier: pick<Tier>(['interest', 'core', 'certified']),
      profile: {
        name: id,
        expertise: i % 2 === 0 ? { zh: `${pick(c.zh)}${pick(FILLER)}` } : { en: `${pick(c.en)} ${pick(WORDS)}` },
        skills: [
          ...(many ? Array.from({ length: 11 }, (_, k) => ({ name: WORDS[k % 4]!, lastPractised: 2010 + k })) : [{ name: pick(WORDS), lastPractised: 2012 + (i % 14) }]),
          ...(i % 37 === 0 ? [{ name: '—', lastPractised: 2025 }] : []),
        ],
        domains: [pick(DOMAINS)],
        employers: [{ employer: `Org ${i % 9}`, organisationId: `org-${i % 9}`, from: '2015-01' }],
        availability: pick(['available', 'limited', 'unavailable'] as const),
      },
    };
  };
  const queries: MatchQuery[] = [
    { text: 'finite element analysis of compressor', limit: 20, now },
    { text: 'element rotor', keywords: ['signal processing'], limit: 10, maxPerOrganisation: 2, now },
    { text: '有限元分析的降噪', domain: 'hvac', limit: 20, now },
    { text: 'water treatment', ownerOrganisationId: 'org-3', confidentiality: 'restricted', limit: 5, now },
    { text: 'nothing anybody wrote', limit: 20, now },
  ];
  const same = (index: ExpertIndex) => {
    for (const q of queries) expect(rankExperts(index, q)).toEqual(rankExperts(index, q, 'every-profile'));
  };

  it('through removals, slots reused by newcomers, profile changes and track records arriving between queries', () => {
    const index = new ExpertIndex();
    for (let i = 0; i < 400; i++) index.upsert(profile(`p${i}`, i));
    same(index);
    for (let i = 0; i < 400; i += 4) index.remove(`p${i}`);
    for (let i = 400; i < 480; i++) index.upsert(profile(`p${i}`, i));
    for (let i = 1; i < 400; i += 9) index.upsert(profile(`p${i}`, i + 1));
    same(index);
    for (let i = 1; i < 480; i += 5) index.setTrackRecord(`p${i}`, { ...NO_TRACK_RECORD, invited: 4, responded: 4, shortlisted: 3, adopted: 3, rated: 5, ratingSum: 25 });
    same(index);
  });

  it('an expert with a skill that has no key is matched by every query, as the scan matches them', () => {
    const index = new ExpertIndex();
    for (let i = 0; i < 40; i++) index.upsert(profile(`p${i}`, i));
    const keyless = rankExperts(index, { text: 'nothing anybody wrote', limit: 20, now }).matches.map((m) => m.expertId);
    expect(keyless).toEqual(['p0', 'p37']);
    same(index);
  });

  it('an expert with more than eight skills is scored on all of them', () => {
    const index = new ExpertIndex();
    for (let i = 0; i < 200; i++) index.upsert(profile(`p${i}`, i));
    const ranked = rankExperts(index, { text: 'finite element analysis rotor dynamics cfd simulation signal processing', limit: 20, now });
    expect(ranked.matches.some((m) => m.explanation.matchedSkills.length > 8)).toBe(true);
    same(index);
  });
});

describe('bounds the postings search keeps per expert', () => {
  const plain = (id: string, skills: { name: string; lastPractised: number }[], text = 'rotor dynamics and signal processing') => ({ expertId: id, tier: 'core' as Tier, profile: { name: id, expertise: { en: text }, skills } });

  it('a track record arriving after a query lifts the expert in the next one (the cached query-independent factors are reset)', () => {
    const index = new ExpertIndex();
    // Enough of them for the running threshold to rise during the search (it is recomputed every few dozen offers).
    for (let i = 0; i < 150; i++) index.upsert(plain(`a${String(i).padStart(3, '0')}`, []));
    for (let i = 99; i >= 0; i--) index.upsert(plain(`b${String(i).padStart(2, '0')}`, []));
    const q: MatchQuery = { text: 'rotor dynamics', limit: 5, now };
    expect(rankExperts(index, q).matches.map((m) => m.expertId)).toEqual(['a000', 'a001', 'a002', 'a003', 'a004']);
    for (let i = 0; i < 100; i++) index.setTrackRecord(`b${String(i).padStart(2, '0')}`, { ...NO_TRACK_RECORD, invited: 2, responded: 2, adopted: 2 });
    expect(rankExperts(index, q).matches.map((m) => m.expertId)).toEqual(['b00', 'b01', 'b02', 'b03', 'b04']);
    expect(rankExperts(index, q)).toEqual(rankExperts(index, q, 'every-profile'));
  });

  it('skills past the eighth count towards the bound (they share one bit of the postings)', () => {
    const index = new ExpertIndex();
    // Seven skills practised long ago, four more recently: only with the last four does the expert reach the full skills value.
    const old = ['cfd simulation', 'rotor dynamics', 'signal processing', 'cfd simulation', 'rotor dynamics', 'signal processing', 'cfd simulation'].map((name) => ({ name, lastPractised: 2010 }));
    const recent = ['rotor dynamics', 'signal processing', 'cfd simulation', 'rotor dynamics'].map((name) => ({ name, lastPractised: 2020 }));
    // The same words as the expert's skill names, so the same text score; two skills practised this year give them the full skills value too.
    const text = 'cfd simulation cfd simulation cfd simulation cfd simulation rotor dynamics rotor dynamics rotor dynamics signal processing signal processing';
    for (let i = 0; i < 150; i++) index.upsert(plain(`c${i}`, [{ name: 'rotor dynamics', lastPractised: 2026 }, { name: 'signal processing', lastPractised: 2026 }], text));
    index.upsert(plain('a-many', [...old, ...recent], ''));
    const q: MatchQuery = { text: 'rotor dynamics signal processing cfd simulation', limit: 3, now };
    const ranked = rankExperts(index, q);
    expect(ranked.matches.map((m) => m.expertId)).toEqual(['a-many', 'c0', 'c1']);
    expect(ranked).toEqual(rankExperts(index, q, 'every-profile'));
  });
});
