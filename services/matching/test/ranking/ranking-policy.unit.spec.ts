import type { Tier } from '../../src/domain/expert/expert.events';
import type { Profile } from '../../src/domain/expert/profile';
import { NO_TRACK_RECORD, type RankableExpert } from '../../src/domain/ranking/expert-index';
import { diversify, rankExperts, WEIGHTS, type MatchQuery } from '../../src/domain/ranking/rank';
import { expert, ids, indexOf, now, rank } from './ranking-kit';

/** The rest of the policy: hard filters, priors among the relevant, diversity, explanations, the index kept incrementally. */
describe('explanations', () => {
  it('every result explains itself: matched terms and skills, and factor contributions that add up to the score', () => {
    const [m] = rank([expert('c', { skills: [{ name: 'compressor motor control', lastPractised: 2025 }], domains: ['HVAC'] })], { text: 'compressor motor control', domain: 'hvac' }).matches;
    expect(m!.explanation.matchedTerms).toEqual(expect.arrayContaining(['compressor', 'motor', 'control']));
    expect(m!.explanation.matchedSkills.map((s) => s.name)).toEqual(['compressor motor control']);
    expect(m!.explanation.matchedDomains).toEqual(['HVAC']);
    const f = m!.explanation.factors;
    expect(Object.keys(f).sort()).toEqual(Object.keys(WEIGHTS).sort());
    expect(Object.values(f).reduce((sum, x) => sum + x.contribution, 0)).toBeCloseTo(m!.score, 3);
  });

  it('a skill practised recently lifts the expert above the same skill practised long ago', () => {
    const twins = [expert('stale', { skills: [{ name: 'heat pump', lastPractised: 2012 }] }), expert('recent', { skills: [{ name: 'heat pump', lastPractised: 2026 }] })];
    expect(ids(twins, { text: 'heat pump' })).toEqual(['recent', 'stale']);
  });

  it('tier lifts a certified partner above an otherwise equal user of interest', () => {
    const twins = [expert('interest', { expertise: { en: 'battery safety' } }, 'interest'), expert('certified', { expertise: { en: 'battery safety' } }, 'certified')];
    expect(ids(twins, { text: 'battery safety' })).toEqual(['certified', 'interest']);
  });
});

describe('hard filters', () => {
  const compressor = (id: string, employers?: Profile['employers'], tier: Tier = 'core'): RankableExpert => expert(id, { skills: [{ name: 'compressor', lastPractised: 2025 }], ...(employers ? { employers } : {}) }, tier);

  it("conflict of interest: the demand owner's own employees are never proposed, however well they match", () => {
    const r = rank([compressor('own', [{ employer: 'Haier', organisationId: 'org-haier', from: '2015-01' }]), compressor('other')], { text: 'compressor', ownerOrganisationId: 'org-haier' });
    expect(r.matches.map((m) => m.expertId)).toEqual(['other']);
    expect(r.excluded).toEqual([{ expertId: 'own', reason: 'same-current-employer' }]);
  });

  it('a past employer is not a conflict', () => {
    expect(ids([compressor('moved', [{ employer: 'Haier', organisationId: 'org-haier', from: '2010-01', to: '2020-01' }])], { text: 'compressor', ownerOrganisationId: 'org-haier' })).toEqual(['moved']);
  });

  it('confidentiality: a confidential demand goes to certified partners only, a restricted one to core and up', () => {
    const tiers = (['interest', 'core', 'certified'] as const).map((t) => compressor(t, undefined, t));
    expect(ids(tiers, { text: 'compressor', confidentiality: 'confidential' })).toEqual(['certified']);
    expect(ids(tiers, { text: 'compressor', confidentiality: 'restricted' }).sort()).toEqual(['certified', 'core']);
  });

  const listed = { organisationId: 'org-listed', name: 'Listed Co', coolingOffMonths: 12 };
  const policy = { listedCompanies: new Map([[listed.organisationId, listed]]) };
  const q = (extra: Partial<MatchQuery> = {}) => ({ text: 'compressor', ownerOrganisationId: 'org-listed', policy, ...extra });

  it('cooling-off: an expert who left the listed owner less than its cooling-off ago is excluded; after it, proposed', () => {
    const recent = compressor('recent-leaver', [{ employer: 'L', organisationId: 'org-listed', from: '2015-01', to: '2025-12' }]);
    const old = compressor('old-leaver', [{ employer: 'L', organisationId: 'org-listed', from: '2015-01', to: '2024-01' }]);
    const r = rank([recent, old], q());
    expect(r.matches.map((m) => m.expertId)).toEqual(['old-leaver']);
    expect(r.excluded).toEqual([{ expertId: 'recent-leaver', reason: 'cooling-off' }]);
    // The listed company's name is one of its names: a leaver who gave only the name cools off too.
    const byName = compressor('named-leaver', [{ employer: 'Listed Co.', from: '2015-01', to: '2025-12' }]);
    expect(rank([byName], q()).excluded).toEqual([{ expertId: 'named-leaver', reason: 'cooling-off' }]);
  });

  it('employer restriction: excluded while it is in force', () => {
    const bound = { ...compressor('bound'), restrictions: [{ restrictionId: 'r1', organisationIds: ['org-listed'], until: '2026-12-31' }] };
    expect(rank([bound], q()).excluded).toEqual([{ expertId: 'bound', reason: 'employer-restriction' }]);
    expect(ids([bound], q({ now: new Date('2027-01-01T00:00:00Z') }))).toEqual(['bound']);
  });

  it('terms: once terms are published, only experts who accepted the current version this year are proposed', () => {
    const withTerms = { ...policy, currentTerms: { version: '2026-01', publishedAt: '2026-01-01T00:00:00Z' } };
    const accepted = { ...compressor('accepted'), terms: { version: '2026-01', acceptedAt: '2026-02-01T00:00:00Z' } };
    const outdated = { ...compressor('outdated'), terms: { version: '2025-01', acceptedAt: '2026-02-01T00:00:00Z' } };
    const r = rank([accepted, outdated, compressor('never')], q({ policy: withTerms, ownerOrganisationId: 'org-other' }));
    expect(r.matches.map((m) => m.expertId)).toEqual(['accepted']);
    expect(r.excluded.map((x) => [x.expertId, x.reason])).toEqual([['never', 'terms-not-accepted'], ['outdated', 'terms-not-accepted']]);
  });
});

describe('track record, responsiveness and ratings re-rank the relevant', () => {
  const twins = () => indexOf([expert('newcomer', { expertise: { en: 'heat pump' } }), expert('proven', { expertise: { en: 'heat pump' } }), expert('unrelated', { expertise: { en: 'textile dyeing' } })]);

  it('adopted plans lift an otherwise equal expert, and the explanation says why', () => {
    const index = twins();
    index.setTrackRecord('proven', { ...NO_TRACK_RECORD, invited: 4, responded: 4, shortlisted: 1, adopted: 2 });
    const [first, second] = rankExperts(index, { text: 'heat pump', limit: 2, now }).matches;
    expect(first!.expertId).toBe('proven');
    expect(first!.explanation.factors.trackRecord.value).toBeCloseTo(2.5 / 4.5, 4);
    expect(second!.explanation.factors.trackRecord.value).toBe(0);
  });

  it('a record never makes an unrelated expert relevant', () => {
    const index = twins();
    index.setTrackRecord('unrelated', { ...NO_TRACK_RECORD, invited: 9, responded: 9, adopted: 9, rated: 9, ratingSum: 45 });
    expect(rankExperts(index, { text: 'heat pump', limit: 5, now }).matches.map((m) => m.expertId)).not.toContain('unrelated');
  });

  it('an expert who ignores invitations falls below a newcomer (who starts neutral)', () => {
    const index = twins();
    index.setTrackRecord('proven', { ...NO_TRACK_RECORD, invited: 8 });
    expect(rankExperts(index, { text: 'heat pump', limit: 2, now }).matches.map((m) => m.expertId)).toEqual(['newcomer', 'proven']);
  });

  it('ratings as a Bayesian average: one 5-star call does not beat twenty 4.8s', () => {
    const index = twins();
    index.setTrackRecord('newcomer', { ...NO_TRACK_RECORD, rated: 1, ratingSum: 5 });
    index.setTrackRecord('proven', { ...NO_TRACK_RECORD, rated: 20, ratingSum: 96 });
    const [steady, single] = rankExperts(index, { text: 'heat pump', limit: 2, now }).matches;
    expect([steady!.expertId, single!.expertId]).toEqual(['proven', 'newcomer']);
    expect(steady!.explanation.rating).toEqual({ count: 20, mean: 4.8, bayesian: 4.54 });
    expect(single!.explanation.rating).toEqual({ count: 1, mean: 5, bayesian: 3.75 });
  });
});

describe('diversity', () => {
  it('the top N are not all from one organisation while others qualify; seats are filled rather than left empty', () => {
    const sameOrg = (id: string) => expert(id, { expertise: { en: 'refrigeration compressor sensor' }, employers: [{ employer: 'A', organisationId: 'org-a', from: '2020-01' }] }, 'certified');
    const pool = [sameOrg('a1'), sameOrg('a2'), sameOrg('a3'), expert('b1', { expertise: { en: 'refrigeration compressor' } }, 'interest')];
    expect(ids(pool, { text: 'refrigeration compressor sensor', limit: 3, maxPerOrganisation: 2 })).toEqual(['a1', 'a2', 'b1']);
    expect(diversify(['a1', 'a2', 'a3'], 3, 1, () => 'org-a')).toEqual(['a1', 'a2', 'a3']);
  });
});

describe('the index and its search', () => {
  const TOPICS = ['heat pump defrost', '热泵除霜', 'reverse osmosis membrane', '反渗透膜', 'carbon fibre laminates', '碳纤维复合材料', 'motor control', '电机控制', 'lead-free soldering', '无银抗菌涂层'];
  const profile = (i: number, variant = 0): RankableExpert =>
    expert(
      `p${i}`,
      {
        skills: [{ name: TOPICS[(i + variant) % TOPICS.length]!, lastPractised: 2010 + ((i * 7) % 16) }],
        expertise: { en: `${TOPICS[(i * 3) % TOPICS.length]} and testing` },
        domains: [i % 2 ? 'HVAC' : '材料'],
        employers: [{ employer: `Org ${i % 9}`, organisationId: `org-${i % 9}`, from: '2015-01' }],
        availability: (['available', 'limited', 'unavailable'] as const)[i % 3]!,
      },
      (['interest', 'core', 'certified'] as const)[i % 3]!,
    );
  const queries: MatchQuery[] = [
    { text: 'heat pump defrost problems', domain: 'hvac', limit: 10, now },
    { text: '反渗透膜污染', ownerOrganisationId: 'org-3', limit: 5, now },
    { text: 'silver-free antimicrobial coating', limit: 20, maxPerOrganisation: 2, now },
    { text: '碳纤维 motor control', confidentiality: 'restricted', limit: 20, now },
  ];
  const same = (index: ReturnType<typeof indexOf>) => {
    for (const q of queries) expect(rankExperts(index, q)).toEqual(rankExperts(index, q, 'every-profile'));
  };

  it('the postings search equals scoring every profile, through removals, reused slots, profile changes and track records', () => {
    const index = indexOf(Array.from({ length: 300 }, (_, i) => profile(i)));
    same(index);
    for (let i = 0; i < 300; i += 4) index.remove(`p${i}`);
    for (let i = 300; i < 360; i++) index.upsert(profile(i));
    for (let i = 1; i < 300; i += 9) index.upsert(profile(i, 1));
    for (let i = 1; i < 360; i += 5) index.setTrackRecord(`p${i}`, { ...NO_TRACK_RECORD, invited: 4, responded: 4, shortlisted: 3, adopted: 3, rated: 5, ratingSum: 25 });
    same(index);
  });

  it('updated incrementally equals the index rebuilt from the final profiles', () => {
    const live = indexOf(Array.from({ length: 50 }, (_, i) => profile(i)));
    live.upsert(profile(7, 3));
    live.remove('p9');
    const rebuilt = indexOf([...Array.from({ length: 50 }, (_, i) => (i === 7 ? profile(7, 3) : profile(i))).filter((e) => e.expertId !== 'p9')]);
    expect(live.checksum()).toBe(rebuilt.checksum());
  });
});

describe('one query leaves nothing behind for the next', () => {
  it('given a demand negating a word only an unrelated expert holds, the next demand still finds that expert', () => {
    const index = indexOf([expert('silver-smith', { skills: [{ name: 'silver jewellery', lastPractised: 2026 }] }), expert('coater', { skills: [{ name: 'antimicrobial coatings', lastPractised: 2026 }] })]);
    expect(rankExperts(index, { text: 'silver-free antimicrobial coating', limit: 5, now }).matches.map((m) => m.expertId)).toEqual(['coater']);
    expect(rankExperts(index, { text: 'silver jewellery', limit: 5, now }).matches.map((m) => m.expertId)).toEqual(['silver-smith']);
  });
});
