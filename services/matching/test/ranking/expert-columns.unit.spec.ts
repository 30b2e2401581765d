import { ExpertColumns } from '../../src/domain/ranking/expert-columns';
import { ExpertIndex } from '../../src/domain/ranking/expert-index';
import { runStepsInTurns } from '../../src/domain/text-index/steps';
import { TermDictionary } from '../../src/domain/text-index/term-dictionary';
import { defaultAnalyzer } from '../../src/language/language';
import { expert } from './ranking-kit';

const restriction = { restrictionId: 'r1', organisationIds: ['org-r'], until: '2027-01-01' };
const terms = { version: 'v3', acceptedAt: '2025-02-01T00:00:00Z' };

describe('the experts in columns', () => {
  it('gives back what an upsert was given: tier, availability, skills with their years, domains, employments, terms and restrictions', () => {
    const index = new ExpertIndex(defaultAnalyzer());
    const employers = [
      { employer: 'Acme Ltd', organisationId: 'org-acme', from: '2015-01' },
      { from: '2010-01', to: '2014-12', employer: 'Old Co' },
    ];
    index.upsert({ ...expert('e1', { skills: [{ name: '振动控制', lastPractised: 2024 }, { name: 'heat pumps', lastPractised: 2019 }], domains: ['HVAC'], employers, availability: 'limited' }, 'certified'), terms, restrictions: [restriction] });
    index.upsert(expert('e2', { skills: [{ name: '振动控制', lastPractised: 2011 }] }, 'interest'));
    const e1 = index.get('e1')!;
    expect(e1).toMatchObject({ expertId: 'e1', tier: 'certified', availability: 'limited', organisations: ['org-acme'], diversityKey: 'org-acme', terms, restrictions: [restriction] });
    expect(e1.skills.map((s) => [s.name, s.lastPractised])).toEqual([['振动控制', 2024], ['heat pumps', 2019]]);
    expect(e1.domains.map((d) => d.name)).toEqual(['HVAC']);
    expect(e1.employers).toEqual(employers);
    expect(e1.employerNames).toHaveLength(2);
    const e2 = index.get('e2')!;
    expect(e2).toMatchObject({ tier: 'interest', availability: undefined, organisations: [], employers: [], restrictions: [], terms: undefined, diversityKey: 'expert:e2' });
    // One label per skill name: both experts read the same terms.
    expect(e2.skills[0]!.terms).toBe(e1.skills[0]!.terms);
    index.remove('e1');
    expect(index.get('e1')).toBeUndefined();
    expect(index.namesOf('org-acme')).toEqual([]);
  });

  it('keeps an employment by value: the same fields in another order are one entry, an empty organisation id is not an absent one', () => {
    const columns = new ExpertColumns();
    const a = columns.employment({ employer: 'Acme', from: '2020-01' });
    expect(columns.employment({ from: '2020-01', employer: 'Acme' } as never)).toBe(a);
    expect(columns.employment({ employer: 'Acme', organisationId: '', from: '2020-01' })).not.toBe(a);
    expect(columns.employment({ employer: 'Acme', from: '2020-01', to: '2021-01' })).not.toBe(a);
  });

  it('keeps each expert what they held through a compaction (slots renumbered, tables cut to what live slots use)', () => {
    const index = new ExpertIndex(defaultAnalyzer());
    const at = (i: number, round: number) =>
      expert(`x${i}`, { skills: [{ name: `skill ${i % 7} r${round}`, lastPractised: 2000 + (i % 20) }], employers: [{ employer: `Firm ${i % 5}`, organisationId: `org-${i % 5}`, from: '2019-01' }], availability: i % 2 ? 'available' : 'unavailable' }, i % 3 ? 'core' : 'certified');
    // 3 x 12,000 upserts of 12,000 experts: retired slots pass 10,000 and outnumber live ones, the core compacts.
    for (let round = 0; round < 3; round++) for (let i = 0; i < 12_000; i++) index.upsert(at(i, round));
    expect(index.slotCount).toBeLessThan(24_000);
    // 21 skill names were given over the rounds; round 0's went with its slots.
    expect(index.state().experts.tables.skills.length).toBeLessThan(21);
    for (const i of [0, 1, 5_001, 11_999]) {
      const doc = index.get(`x${i}`)!;
      const e = at(i, 2);
      expect([doc.tier, doc.availability, doc.skills.map((s) => [s.name, s.lastPractised]), doc.employers]).toEqual([e.tier, e.profile.availability, e.profile.skills!.map((s) => [s.name, s.lastPractised]), e.profile.employers]);
    }
  }, 60_000);
});

describe('a restore in steps', () => {
  it('lets the event loop turn while a large dictionary is rehashed', async () => {
    const dictionary = new TermDictionary();
    for (let i = 0; i < 120_000; i++) dictionary.intern(`p:词${i}`);
    let turns = 0;
    const restored = await runStepsInTurns(TermDictionary.restoring(dictionary.state()), () => new Promise<void>((resolve) => setImmediate(() => (turns++, resolve()))));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(restored.id('p:词119999')).toBe(119_999);
  });
});
