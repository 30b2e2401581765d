import type { Tier } from '../expert/expert.events';
import type { Profile } from '../expert/profile';
import { ExpertIndex, NO_TRACK_RECORD } from './expert-index';
import { diversify, rankExperts, WEIGHTS, type MatchQuery } from './rank';
import { segmentChinese, stem, tokenize } from './tokenize';

const now = new Date('2026-06-01T00:00:00Z');
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const expert = (expertId: string, profile: Omit<Profile, 'name'>, tier: Tier = 'core') => ({ expertId, tier, profile: { name: expertId, ...profile } });

/** A hand-made bilingual set whose right answers are known. */
const SET = [
  expert('zh-compressor', {
    expertise: { zh: '变频压缩机的电机控制，十年空调研发经验' },
    skills: [{ name: '电机控制', lastPractised: 2025 }],
    domains: ['空调'],
    employers: [{ employer: '海尔', organisationId: 'org-haier', from: '2015-01' }],
  }),
  expert('en-compressor', {
    expertise: { en: 'Inverter compressor motor control for air conditioners' },
    skills: [{ name: 'motor control', lastPractised: 2024 }],
    domains: ['HVAC'],
    employers: [{ employer: 'Midea', organisationId: 'org-midea', from: '2018-03' }],
  }),
  expert('en-foam', { expertise: { en: 'Polymer foams and thermal insulation for refrigerators' }, skills: [{ name: 'foam', lastPractised: 2025 }] }),
  expert('zh-water', { expertise: { zh: '净水与水处理膜技术' }, skills: [{ name: '水处理', lastPractised: 2023 }] }),
  expert('en-vision', { bio: { en: 'Computer vision and deep learning for quality inspection' }, skills: [{ name: 'machine learning', lastPractised: 2026 }] }),
];

const indexOf = (experts: ReturnType<typeof expert>[]) => {
  const index = new ExpertIndex();
  for (const e of experts) index.upsert(e);
  return index;
};
const ids = (q: Partial<MatchQuery> & { text: string }, experts = SET) => rankExperts(indexOf(experts), { limit: 10, now, ...q }).matches.map((m) => m.expertId);

describe('analyzer: the same tokens for documents and queries', () => {
  it('Chinese gets character bigrams, dictionary words and concepts; English gets stems and the same concepts', () => {
    const zh = tokenize('变频压缩机');
    expect(zh).toEqual(expect.arrayContaining(['zh2:变频', 'zh2:压缩', 'zh:变频', 'zh:压缩机', 'c:inverter', 'c:compressor']));
    expect(tokenize('Inverter Compressors')).toEqual(expect.arrayContaining(['en:inverter', 'en:compressor', 'c:inverter', 'c:compressor']));
    expect(segmentChinese('变频压缩机的电机控制')).toEqual(['变频', '压缩机', '电机控制']);
    expect([stem('controlled'), stem('batteries'), stem('glass')]).toEqual(['controll', 'battery', 'glass']);
  });
});

describe('ranking on a bilingual set with known answers', () => {
  it('a Chinese demand finds the expert described in Chinese and the one described in English with the same skill', () => {
    const top = ids({ text: '变频压缩机电机控制优化', domain: '空调' });
    expect(top.slice(0, 2).sort()).toEqual(['en-compressor', 'zh-compressor']);
    expect(top).not.toContain('en-foam');
    expect(top).not.toContain('zh-water');
  });

  it('an English demand finds the Chinese-described expert too', () => {
    expect(ids({ text: 'water purification membranes' })).toEqual(['zh-water']);
    expect(ids({ text: 'deep learning inspection' })[0]).toBe('en-vision');
  });

  it('every result explains itself: matched terms and skills, and factor contributions that add up to the score', () => {
    const [m] = rankExperts(indexOf(SET), { text: 'compressor motor control', domain: 'air conditioning', limit: 1, now }).matches;
    expect(m!.expertId).toMatch(/compressor/);
    expect(m!.explanation.matchedTerms).toEqual(expect.arrayContaining(['compressor']));
    expect(m!.explanation.matchedSkills.map((s) => s.name)).toHaveLength(1);
    expect(m!.explanation.matchedDomains).toHaveLength(1);
    const f = m!.explanation.factors;
    expect(f.skills.weight).toBe(WEIGHTS.skills);
    expect(Object.values(f).reduce((sum, x) => sum + x.contribution, 0)).toBeCloseTo(m!.score, 3);
    expect(Object.keys(f).sort()).toEqual(Object.keys(WEIGHTS).sort());
  });

  it('a skill practised recently weighs more than the same skill practised long ago', () => {
    const twins = [
      expert('recent', { expertise: { en: 'heat pump design' }, skills: [{ name: 'heat pump', lastPractised: 2026 }] }),
      expert('stale', { expertise: { en: 'heat pump design' }, skills: [{ name: 'heat pump', lastPractised: 2012 }] }),
    ];
    expect(ids({ text: '热泵' }, twins)).toEqual(['recent', 'stale']);
  });

  it('tier lifts a certified partner above an otherwise equal user of interest', () => {
    const twins = [expert('interest', { expertise: { en: 'battery safety' } }, 'interest'), expert('certified', { expertise: { en: 'battery safety' } }, 'certified')];
    expect(ids({ text: 'battery' }, twins)).toEqual(['certified', 'interest']);
  });
});

describe('hard filters', () => {
  it('conflict of interest: the demand owner\'s own employees are never proposed, however well they match', () => {
    const demand = { text: '变频压缩机电机控制', domain: '空调' };
    expect(ids(demand)).toContain('zh-compressor'); // the best match when nobody owns a conflict...
    const owned = rankExperts(indexOf(SET), { ...demand, ownerOrganisationId: 'org-haier', limit: 10, now });
    expect(owned.matches.map((m) => m.expertId)).not.toContain('zh-compressor'); // ...is filtered out for Haier's own demand
    expect(owned.matches.map((m) => m.expertId)).toContain('en-compressor');
    expect(owned.excluded).toEqual([{ expertId: 'zh-compressor', reason: 'same-current-employer' }]);
  });

  it('a past employer is not a conflict; a current one is', () => {
    const moved = [expert('moved', { expertise: { en: 'compressor' }, employers: [{ employer: 'Haier', organisationId: 'org-haier', from: '2010-01', to: '2020-01' }] })];
    expect(ids({ text: 'compressor', ownerOrganisationId: 'org-haier' }, moved)).toEqual(['moved']);
  });

  it('confidentiality: a confidential demand goes to certified partners only, a restricted one to core and up', () => {
    const tiers = (['interest', 'core', 'certified'] as const).map((t) => expert(t, { expertise: { en: 'sensor fusion' } }, t));
    expect(ids({ text: 'sensor', confidentiality: 'confidential' }, tiers)).toEqual(['certified']);
    expect(ids({ text: 'sensor', confidentiality: 'restricted' }, tiers).sort()).toEqual(['certified', 'core']);
  });
});

describe('compliance as hard filters', () => {
  const listed = { organisationId: 'org-listed', name: 'Listed Co', coolingOffMonths: 12 };
  const policy = { listedCompanies: new Map([[listed.organisationId, listed]]) };
  const compressorExpert = (id: string, extra: Partial<Parameters<ExpertIndex['upsert']>[0]> & { employers?: Profile['employers'] } = {}) => {
    const { employers, ...rest } = extra;
    return { ...expert(id, { expertise: { en: 'compressor motor control' }, ...(employers ? { employers } : {}) }), ...rest };
  };
  const rank = (experts: Parameters<ExpertIndex['upsert']>[0][], q: Partial<MatchQuery> = {}) =>
    rankExperts(indexOf(experts as ReturnType<typeof expert>[]), { text: 'compressor', ownerOrganisationId: 'org-listed', limit: 10, now, policy, ...q });

  it('cooling-off: an expert who left the listed owner less than its cooling-off ago is excluded; after it, proposed', () => {
    const recent = compressorExpert('recent-leaver', { employers: [{ employer: 'L', organisationId: 'org-listed', from: '2015-01', to: '2025-12' }] });
    const old = compressorExpert('old-leaver', { employers: [{ employer: 'L', organisationId: 'org-listed', from: '2015-01', to: '2024-01' }] });
    const r = rank([recent, old]);
    expect(r.matches.map((m) => m.expertId)).toEqual(['old-leaver']);
    expect(r.excluded).toEqual([{ expertId: 'recent-leaver', reason: 'cooling-off' }]);
    // The same leaver for an unlisted owner: no cooling-off applies.
    expect(rank([recent], { policy: { listedCompanies: new Map() } }).matches.map((m) => m.expertId)).toEqual(['recent-leaver']);
  });

  it('employer restriction: an expert whose employer forbids the owner is excluded while it is in force', () => {
    const bound = compressorExpert('bound', { restrictions: [{ restrictionId: 'r1', organisationIds: ['org-listed'], until: '2026-12-31' }] });
    expect(rank([bound]).excluded).toEqual([{ expertId: 'bound', reason: 'employer-restriction' }]);
    expect(rank([bound], { now: new Date('2027-01-01T00:00:00Z') }).matches.map((m) => m.expertId)).toEqual(['bound']);
    expect(rank([bound], { ownerOrganisationId: 'org-other' }).matches.map((m) => m.expertId)).toEqual(['bound']);
  });

  it('terms: once terms are published, only experts who accepted the current version this year are proposed', () => {
    const withTerms = { ...policy, currentTerms: { version: '2026-01', publishedAt: '2026-01-01T00:00:00Z' } };
    const accepted = compressorExpert('accepted', { terms: { version: '2026-01', acceptedAt: '2026-02-01T00:00:00Z' } });
    const outdated = compressorExpert('outdated', { terms: { version: '2025-01', acceptedAt: '2026-02-01T00:00:00Z' } });
    const never = compressorExpert('never');
    const r = rank([accepted, outdated, never], { policy: withTerms, ownerOrganisationId: 'org-other' });
    expect(r.matches.map((m) => m.expertId)).toEqual(['accepted']);
    expect(r.excluded.map((x) => [x.expertId, x.reason])).toEqual([['never', 'terms-not-accepted'], ['outdated', 'terms-not-accepted']]);
  });
});

describe('track record and responsiveness', () => {
  const twins = () => indexOf([expert('newcomer', { expertise: { en: 'heat pump' } }), expert('proven', { expertise: { en: 'heat pump' } })]);

  it('adopted plans lift an otherwise equal expert, and the explanation says why', () => {
    const index = twins();
    index.setTrackRecord('proven', { ...NO_TRACK_RECORD, invited: 4, responded: 4, shortlisted: 1, adopted: 2 });
    const [first, second] = rankExperts(index, { text: 'heat pump', limit: 2, now }).matches;
    expect(first!.expertId).toBe('proven');
    expect(first!.explanation.trackRecord).toEqual({ ...NO_TRACK_RECORD, invited: 4, responded: 4, shortlisted: 1, adopted: 2 });
    expect(first!.explanation.factors.trackRecord.value).toBeCloseTo(2.5 / 4.5, 4);
    expect(second!.explanation.factors.trackRecord.value).toBe(0);
  });

  it('an expert who ignores invitations falls below a newcomer (who starts neutral)', () => {
    const index = twins();
    index.setTrackRecord('proven', { ...NO_TRACK_RECORD, invited: 8 });
    const matches = rankExperts(index, { text: 'heat pump', limit: 2, now }).matches;
    expect(matches.map((m) => m.expertId)).toEqual(['newcomer', 'proven']);
    expect(matches[0]!.explanation.factors.responsiveness.value).toBe(0.5);
    expect(matches[1]!.explanation.factors.responsiveness.value).toBe(0.1);
  });
});

describe('consultation ratings', () => {
  const twins = () => indexOf([expert('one-star-call', { expertise: { en: 'heat pump' } }), expert('steady', { expertise: { en: 'heat pump' } }), expert('unrated', { expertise: { en: 'heat pump' } })]);

  it('a Bayesian average: one 5-star call does not beat twenty 4.8s, and the explanation shows the ratings behind the factor', () => {
    const index = twins();
    index.setTrackRecord('one-star-call', { ...NO_TRACK_RECORD, rated: 1, ratingSum: 5 });
    index.setTrackRecord('steady', { ...NO_TRACK_RECORD, rated: 20, ratingSum: 96 });
    const matches = rankExperts(index, { text: 'heat pump', limit: 3, now }).matches;
    expect(matches.map((m) => m.expertId)).toEqual(['steady', 'one-star-call', 'unrated']);
    const [steady, single, unrated] = matches;
    expect(steady!.explanation.rating).toEqual({ count: 20, mean: 4.8, bayesian: 4.54 });
    expect(single!.explanation.rating).toEqual({ count: 1, mean: 5, bayesian: 3.75 });
    expect(unrated!.explanation.rating).toEqual({ count: 0, bayesian: 3.5 });
    expect(steady!.explanation.factors.rating).toEqual({ value: 0.885, weight: WEIGHTS.rating, contribution: round4(0.885 * WEIGHTS.rating) });
  });

  it('low ratings pull an expert below an unrated one', () => {
    const index = twins();
    index.setTrackRecord('steady', { ...NO_TRACK_RECORD, rated: 10, ratingSum: 20 });
    expect(rankExperts(index, { text: 'heat pump', limit: 3, now }).matches.map((m) => m.expertId).indexOf('steady')).toBe(2);
  });
});

describe('diversity', () => {
  it('the top N are not all from one organisation while others qualify', () => {
    const sameOrg = (id: string) => expert(id, { expertise: { en: 'refrigeration compressor sensor' }, employers: [{ employer: 'A', organisationId: 'org-a', from: '2020-01' }] }, 'certified');
    const pool = [sameOrg('a1'), sameOrg('a2'), sameOrg('a3'), expert('b1', { expertise: { en: 'refrigeration' } }, 'interest')];
    expect(ids({ text: 'refrigeration compressor sensor', limit: 3, maxPerOrganisation: 2 }, pool)).toEqual(['a1', 'a2', 'b1']);
    expect(ids({ text: 'refrigeration compressor sensor', limit: 3, maxPerOrganisation: 3 }, pool)).toEqual(['a1', 'a2', 'a3']);
  });

  it('fills the remaining seats from the same organisation rather than leaving them empty', () => {
    expect(diversify(['a1', 'a2', 'a3'], 3, 1, () => 'org-a')).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('the index', () => {
  it('updated incrementally equals the index rebuilt from the final profiles', () => {
    const live = indexOf(SET);
    live.upsert(expert('en-foam', { expertise: { en: 'now works on batteries' } }));
    live.remove('zh-water');
    const rebuilt = indexOf([...SET.filter((e) => e.expertId !== 'zh-water' && e.expertId !== 'en-foam'), expert('en-foam', { expertise: { en: 'now works on batteries' } })]);
    expect(live.checksum()).toBe(rebuilt.checksum());
    expect(rankExperts(live, { text: 'battery', limit: 5, now }).matches.map((m) => m.expertId)).toEqual(['en-foam']);
  });
});
