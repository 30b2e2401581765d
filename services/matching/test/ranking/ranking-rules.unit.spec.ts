import { normaliseEmployerName } from '../../src/domain/compliance/compliance';
import { DEFAULT_MIN_RELEVANCE } from '../../src/domain/ranking/rank';
import { defaultAnalyzer } from '../../src/language/language';
import { expert, ids, rank } from './ranking-kit';

/** The rules of a ranking that earns trust (issue 15 item 3), each as given experts / when a demand / then the ranking. */
describe('text relevance qualifies; labels only re-rank', () => {
  it('given an expert with the demand domain label but other skills, when the demand is ranked, then they are not a candidate', () => {
    const experts = [
      expert('label-only', { domains: ['HVAC'], skills: [{ name: 'air conditioner installation', lastPractised: 2026 }], expertise: { en: 'Installation and after-sales service of air conditioners' } }, 'certified'),
      expert('on-topic', { skills: [{ name: 'vibration control', lastPractised: 2020 }], expertise: { en: 'Vibration control of rotary compressors' } }, 'interest'),
    ];
    expect(ids(experts, { text: 'compressor vibration control', domain: 'HVAC' })).toEqual(['on-topic']);
  });

  it('given two equally relevant experts, when one carries the demand domain label, then the label lifts them', () => {
    const experts = [
      expert('no-label', { skills: [{ name: 'heat pumps', lastPractised: 2026 }] }),
      expert('labelled', { domains: ['HVAC'], skills: [{ name: 'heat pumps', lastPractised: 2026 }] }),
    ];
    const r = rank(experts, { text: 'heat pump defrost', domain: 'hvac' });
    expect(r.matches.map((m) => m.expertId)).toEqual(['labelled', 'no-label']);
    expect(r.matches[0]!.explanation.matchedDomains).toEqual(['HVAC']);
  });

  it('given a skill, the same words in the bio weigh less (skills, expertise and bio are weighted fields)', () => {
    const experts = [expert('in-bio', { bio: { en: 'I once looked at reverse osmosis membranes' } }), expert('as-skill', { skills: [{ name: 'reverse osmosis membranes', lastPractised: 2026 }] })];
    expect(ids(experts, { text: 'reverse osmosis membrane' })).toEqual(['as-skill', 'in-bio']);
  });
});

describe('minimum relevance', () => {
  const experts = [
    expert('passing-word', { skills: [{ name: '冷链物流', lastPractised: 2026 }], expertise: { zh: '冷藏运输车队管理' } }, 'certified'),
    expert('on-topic', { skills: [{ name: '冰箱风道设计', lastPractised: 2026 }], expertise: { zh: '冰箱冷藏室风道设计与温度均匀性仿真' } }),
    expert('other', { skills: [{ name: '注塑成型', lastPractised: 2026 }] }),
  ];

  it('given an expert who shares one passing word with a long demand, when ranked, then they fall below the minimum and are not ranked', () => {
    expect(ids(experts, { text: '冰箱冷藏室温度均匀性差，需要优化风道设计' })).toEqual(['on-topic']);
  });

  it('given a higher minimum, when nobody reaches it, then nobody is ranked (and so nobody is invited)', () => {
    expect(ids(experts, { text: '冰箱冷藏室温度均匀性差，需要优化风道设计', minRelevance: 0.99 })).toEqual([]);
    expect(DEFAULT_MIN_RELEVANCE).toBeGreaterThan(0);
  });

  it('given a demand that matches no profile at all, then the ranking is empty, not the best of the rest', () => {
    expect(ids(experts, { text: 'nothing anybody wrote' })).toEqual([]);
  });
});

describe('cross-lingual matching through CC-CEDICT', () => {
  const experts = [
    expert('zh-ro', { skills: [{ name: '反渗透', lastPractised: 2025 }], expertise: { zh: '反渗透膜污染控制与化学清洗' } }),
    expert('en-ro', { skills: [{ name: 'reverse osmosis', lastPractised: 2025 }], expertise: { en: 'Reverse osmosis membrane fouling and cleaning' } }),
    expert('en-hydrology', { domains: ['water'], skills: [{ name: 'hydrology', lastPractised: 2025 }], expertise: { en: 'Flood modelling for river basins' } }),
  ];

  it('given a Chinese demand, then the expert who wrote in English is found (and the reverse)', () => {
    expect(ids(experts, { text: '反渗透膜污染', domain: 'water' }).sort()).toEqual(['en-ro', 'zh-ro']);
    expect(ids(experts, { text: 'reverse osmosis membrane fouling' }).sort()).toEqual(['en-ro', 'zh-ro']);
  });

  it('given a word the dictionary lacks, then it is glossed part by part (碳纤维: carbon fiber)', () => {
    const cf = [expert('en-cf', { skills: [{ name: 'carbon fibre laminates', lastPractised: 2025 }] }), expert('en-glass', { skills: [{ name: 'glass fibre laminates', lastPractised: 2025 }] })];
    expect(ids(cf, { text: '碳纤维层压板' })[0]).toBe('en-cf');
  });
});

describe('segmentation and phrases', () => {
  const analyzer = defaultAnalyzer();

  it('keeps the compound and its words: 振动控制 is 振动, 控制 and their phrase; 碳纤维复合材料 keeps 碳纤维 and 复合材料', () => {
    expect(analyzer.terms('振动控制')).toEqual(expect.arrayContaining(['zh:振动', 'zh:控制', 'p:振动_控制']));
    expect(analyzer.terms('碳纤维复合材料')).toEqual(expect.arrayContaining(['zh:碳纤维', 'zh:复合材料', 'zh:材料']));
  });

  it('given the words of a phrase in two profiles, the one holding the phrase ranks first; the other still matches', () => {
    const experts = [expert('scattered', { skills: [{ name: 'fan noise testing at low voltage', lastPractised: 2026 }] }), expert('phrase', { skills: [{ name: 'low noise fan design', lastPractised: 2026 }] })];
    expect(ids(experts, { text: 'low noise fan' })).toEqual(['phrase', 'scattered']);
  });
});

describe('negation', () => {
  const experts = [
    expert('silver', { skills: [{ name: 'silver nanoparticle antimicrobial coatings', lastPractised: 2026 }] }, 'certified'),
    expert('silver-free', { skills: [{ name: 'antimicrobial coatings', lastPractised: 2024 }], expertise: { en: 'quaternary ammonium coatings for appliance liners' } }),
  ];

  it('given "silver-free", when ranked, then the silver expert is penalised below the one without silver and the explanation says why', () => {
    const r = rank(experts, { text: 'silver-free antimicrobial coating' });
    expect(r.matches.map((m) => m.expertId)).toEqual(['silver-free', 'silver']);
    expect(r.matches[1]!.explanation.negatedTermsHeld).toEqual(['silver']);
  });

  it('given 无银 (a Chinese demand), then the English silver expert is penalised the same way', () => {
    expect(ids(experts, { text: '无银抗菌涂层' })).toEqual(['silver-free', 'silver']);
  });

  it('given "lead-free solder", then a lead-free soldering expert matches and a lead-acid battery expert does not', () => {
    const pool = [expert('lead-acid', { skills: [{ name: 'lead-acid batteries', lastPractised: 2026 }, { name: 'lead recycling', lastPractised: 2026 }] }), expert('lead-free', { skills: [{ name: 'lead-free soldering', lastPractised: 2026 }] })];
    expect(ids(pool, { text: 'lead-free solder' })).toEqual(['lead-free']);
  });

  it('analyses "X-free", "non-X", "without X", 无X and 不含X as negated X, never X', () => {
    for (const [text, negated] of [['halogen-free', 'n:en:halogen'], ['non-toxic', 'n:en:toxic'], ['without silver', 'n:en:silver'], ['无卤', 'n:zh:卤'], ['不含银', 'n:zh:银']] as const) {
      const terms = defaultAnalyzer().terms(text);
      expect(terms).toContain(negated);
      expect(terms).not.toContain(negated.slice(2));
    }
    // A word the dictionary lists stays a word: 无线 is wireless, not "no thread".
    expect(defaultAnalyzer().terms('无线')).toEqual(['zh:无线']);
  });
});

describe('conflicts by employer name', () => {
  const owner = 'org-midea';
  const experts = [
    expert('named-only', { skills: [{ name: 'battery thermal management', lastPractised: 2026 }], employers: [{ employer: 'Midea Group Co., Ltd.', from: '2019-01' }] }),
    expert('other', { skills: [{ name: 'battery thermal management', lastPractised: 2025 }], employers: [{ employer: 'CATL', from: '2019-01' }] }),
    expert('known-by-id', { skills: [{ name: 'sales', lastPractised: 2026 }], employers: [{ employer: 'Midea Group', organisationId: owner, from: '2018-01' }] }),
  ];

  it('given an expert who names the owner as employer without its id, when the owner ranks, then they are excluded as its employee', () => {
    const r = rank(experts, { text: 'battery thermal management', ownerOrganisationId: owner });
    expect(r.matches.map((m) => m.expertId)).toEqual(['other']);
    expect(r.excluded).toEqual([{ expertId: 'named-only', reason: 'same-current-employer' }]);
  });

  it('given names the demand gives for its owner, then they count too', () => {
    const pool = [expert('named', { skills: [{ name: 'heat pumps', lastPractised: 2026 }], employers: [{ employer: '海尔集团有限公司', from: '2019-01' }] })];
    expect(rank(pool, { text: 'heat pump', ownerOrganisationId: 'org-haier' }).matches.map((m) => m.expertId)).toEqual(['named']);
    expect(rank(pool, { text: 'heat pump', ownerOrganisationId: 'org-haier', ownerOrganisationNames: ['海尔集团'] }).excluded).toEqual([{ expertId: 'named', reason: 'same-current-employer' }]);
  });

  it('normalises names: case, punctuation and company suffixes in both languages', () => {
    expect(normaliseEmployerName('Midea Group Co., Ltd.')).toBe(normaliseEmployerName('MIDEA group'));
    expect(normaliseEmployerName('海尔集团股份有限公司')).toBe(normaliseEmployerName('海尔'));
    expect(normaliseEmployerName('Gree Electric Appliances, Inc.')).toBe('greeelectricappliances');
    expect(normaliseEmployerName('Ltd')).toBe('ltd');
  });
});

describe('one concept, one clause (compounds and their parts; dictionary bridges by ambiguity)', () => {
  const analyzer = defaultAnalyzer();

  it('given a compound in the demand, its inner words are parts worth together a share of it, not a clause each', () => {
    const clauses = analyzer.plan('换热器').clauses;
    const compound = clauses.find((c) => c.source === '换热器')!;
    const parts = clauses.filter((c) => c.kind === 'part');
    expect(compound).toMatchObject({ kind: 'word', weight: 1 });
    expect(parts.map((c) => c.source)).toEqual(expect.arrayContaining(['换热', '热']));
    expect(parts.reduce((sum, c) => sum + c.weight, 0)).toBeLessThanOrEqual(0.5 + 1e-9);
  });

  it('given a profile holding two of the demand concepts and one holding a single compound (with all its inner words), the two-concept profile ranks first', () => {
    const experts = [
      expert('one-compound', { skills: [{ name: '换热器', lastPractised: 2026 }] }),
      expert('two-concepts', { skills: [{ name: '结垢', lastPractised: 2026 }, { name: '效率', lastPractised: 2026 }] }),
    ];
    expect(ids(experts, { text: '换热器结垢效率' })[0]).toBe('two-concepts');
  });

  it('given a word CC-CEDICT lists with many senses, its translations weigh less than those of a one-sense word', () => {
    const weight = (zh: string) => Math.max(...analyzer.weightedTranslations(`zh:${zh}`).map((a) => a.weight));
    expect(weight('机')).toBeLessThan(weight('聚氨酯'));
    expect(weight('聚氨酯')).toBeLessThanOrEqual(0.8);
  });

  it('given a compound CC-CEDICT lacks, every pair of its parts senses is a bridge (反渗透: reverse osmosis through 反 second sense)', () => {
    const forms = analyzer.weightedTranslations('zh:反渗透').map((a) => a.term);
    expect(forms).toContain('p:revers_osmosis');
    const experts = [expert('en-ro', { skills: [{ name: 'reverse osmosis', lastPractised: 2026 }] }), expert('en-other', { skills: [{ name: 'contrary opinions', lastPractised: 2026 }] })];
    expect(ids(experts, { text: '反渗透' })[0]).toBe('en-ro');
  });
});
