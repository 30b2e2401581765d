import Database from 'better-sqlite3';
import type { RecordedEvent } from '@hope/eventstore';
import type { Principal } from '@hope/kernel';
import type { DemandContent } from '../../domain/demand/demand.content';
import { confidentialAccessProjection } from '../confidential-access/confidential-access.projection';
import { demandCatalogueProjection } from './demand-catalogue.projection';
import { browseDemands, NEWEST_WINDOW, type BrowseFilters } from './demand-catalogue.query';

let seq = 0;
const recorded = (demandId: string, type: string, data: unknown): RecordedEvent =>
  ({ id: `e-${++seq}`, stream: `demand-${demandId}`, revision: 0, position: { commit: BigInt(seq), prepare: BigInt(seq) }, type, data, metadata: {}, recordedAt: new Date(0) }) as unknown as RecordedEvent;

const base: DemandContent = {
  title: {},
  description: {},
  domain: 'smart-home',
  keywords: [],
  capabilities: [],
  subProblems: [],
  maturity: 'idea',
  trl: 1,
  ipTerms: 'none',
  deadline: '2031-01-01T00:00:00.000Z',
  visibility: 'public',
  anonymous: false,
};

const expert: Principal = { subject: 'x-1', role: 'expert' };
const operator: Principal = { subject: 'op', role: 'operator' };
const outsider: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-2' };

describe('catalogue search: every word in any order, phrases in quotes, Chinese segmented, ranked by BM25 with the title first', () => {
  const db = new Database(':memory:');
  let minute = 0;
  const add = (demandId: string, c: Partial<DemandContent>, options: { publish?: boolean } = {}) => {
    const at = new Date(Date.UTC(2030, 0, 1) + ++minute * 60_000).toISOString();
    demandCatalogueProjection.apply(db, recorded(demandId, 'DemandDrafted', { demandId, organisationId: 'org-1', authorId: 'a', content: { ...base, ...c }, draftedAt: at }));
    if (options.publish !== false) demandCatalogueProjection.apply(db, recorded(demandId, 'DemandPublished', { demandId, organisationId: 'org-1', publishedBy: 'op', publishedAt: at }));
  };
  const ids = (keyword: string, viewer: Principal = expert, more: Partial<BrowseFilters> = {}) => browseDemands(db, viewer, { keyword, limit: 50, ...more }).items.map((d) => d.demandId);

  beforeAll(() => {
    db.exec(demandCatalogueProjection.schema);
    db.exec(confidentialAccessProjection.schema);
    add('noise-low', { title: { en: 'Compressor noise must stay low' }, description: { en: 'A fridge compressor.' } });
    add('low-only', { title: { en: 'Low power sensor' }, description: { en: 'Battery life.' } });
    add('phrase', { title: { en: 'Low noise fan' }, description: { en: 'For a quiet room.' } });
    add('in-description', { title: { en: 'Heat pump' }, description: { en: 'The heat pump compressors must run at low noise.' } });
    add('zh-title', { title: { zh: '压缩机降噪方案' }, description: { zh: '用于冰箱冷藏室。' } });
    add('zh-description', { title: { zh: '冰箱改进' }, description: { zh: '需要低噪音降噪压缩机。' } });
    add('zh-composite', { title: { zh: '碳纤维复合材料' }, description: { zh: '轻量化结构件。' } });
    add('mixed', { title: { en: 'Quiet compressor', zh: '静音压缩机' }, description: { en: 'Cold chain.' }, keywords: ['降噪'] });
    add('capability', { title: { en: 'Vibration study' }, description: { en: 'Field tests.' }, capabilities: ['Active damping'], subProblems: [{ id: 'sp-1', title: { zh: '振动控制' }, capabilities: [] }] });
    add('draft', { title: { en: 'Low noise secret draft' }, description: { en: 'x' } }, { publish: false });
    add('confidential', { title: { en: 'Low noise confidential' }, description: { en: 'x' }, visibility: 'confidential' });
    add('revised', { title: { en: 'Battery pack' }, description: { en: 'x' } });
    demandCatalogueProjection.apply(db, recorded('revised', 'DemandRevised', { demandId: 'revised', revision: 1, changes: { title: { en: 'Solid-state cell' } }, revisedAt: '2030-06-01T00:00:00.000Z' }));
  });
  afterAll(() => db.close());

  it('finds every demand holding all the words, in any order and any field, most relevant first', () => {
    expect(ids('low noise')).toEqual(expect.arrayContaining(['noise-low', 'phrase', 'in-description']));
    expect(ids('low noise')).toHaveLength(3);
    expect(ids('noise low')).toEqual(ids('low noise'));
    expect(ids('low')).toContain('low-only');
  });

  it('weighs the title more than the description', () => {
    const ranked = ids('compressor');
    expect(ranked.indexOf('noise-low')).toBeLessThan(ranked.indexOf('in-description'));
    expect(ids('降噪')[0]).toBe('zh-title');
  });

  it('keeps a part in quotes a phrase', () => {
    expect(ids('"low noise"')).toEqual(expect.arrayContaining(['phrase', 'in-description']));
    expect(ids('"low noise"')).not.toContain('noise-low');
    expect(ids('“low noise”')).toEqual(ids('"low noise"'));
    expect(ids('"降噪压缩机"')).toEqual(['zh-description']);
  });

  it('finds Chinese words of two characters, inside longer text and inside longer words, in titles, descriptions, keywords and sub-problems', () => {
    expect(ids('降噪').sort()).toEqual(['mixed', 'zh-description', 'zh-title']);
    expect(ids('压缩机 冰箱').sort()).toEqual(['zh-description', 'zh-title']);
    expect(ids('冰箱 压缩机').sort()).toEqual(['zh-description', 'zh-title']);
    expect(ids('材料')).toEqual(['zh-composite']);
    expect(ids('碳纤维')).toEqual(['zh-composite']);
    expect(ids('振动')).toEqual(['capability']);
    expect(ids('降噪压缩机').sort()).toEqual(['mixed', 'zh-description', 'zh-title']);
  });

  it('finds across languages in one query, English stems, capabilities', () => {
    expect(ids('compressor 降噪')).toEqual(['mixed']);
    expect(ids('compressors')).toContain('noise-low');
    expect(ids('damping')).toEqual(['capability']);
  });

  it('follows revisions: the old words are forgotten', () => {
    expect(ids('battery pack')).toEqual([]);
    expect(ids('solid state')).toEqual(['revised']);
  });

  it('never lists what the viewer may not see, whatever the words', () => {
    expect(ids('low noise')).not.toContain('draft');
    expect(ids('low noise')).not.toContain('confidential');
    expect(ids('secret', outsider)).toEqual([]);
    expect(ids('secret', operator)).toEqual(['draft']);
    expect(ids('low noise confidential', operator)).toEqual(['confidential']);
  });

  it('takes the user\'s text literally: FTS5 syntax is no syntax, punctuation alone finds nothing', () => {
    for (const k of ['NEAR(low noise)', 'title:low', 'low*', 'low AND', 'OR', '"', '(', '-', '^low', '100%', "it's"]) {
      expect(() => ids(k)).not.toThrow();
    }
    expect(ids('title:low')).toEqual([]);
    expect(ids('!!! ，。')).toEqual([]);
    expect(ids('low OR')).toEqual([]);
  });

  it('orders the same matches by date when asked', () => {
    expect(ids('low noise', expert, { sort: 'newest' })).toEqual(['in-description', 'phrase', 'noise-low']);
    expect(ids('low noise', expert, { sort: 'deadline' })).toEqual(['in-description', 'noise-low', 'phrase']);
  });
});

describe('catalogue paging: every result once, in order, by relevance, date or deadline, across both passes of a newest-first browse', () => {
  const db = new Database(':memory:');
  const N = NEWEST_WINDOW + 500;
  const WORDS = ['compressor', 'battery', 'sensor', 'acoustic'];

  beforeAll(() => {
    db.exec(demandCatalogueProjection.schema);
    db.exec(confidentialAccessProjection.schema);
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const at = new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString();
        // Repeating the word makes relevance differ between rows, and some rows tie.
        const c: DemandContent = { ...base, title: { en: `${WORDS[i % 4]} solution ${i}` }, description: { en: `${WORDS[i % 4]} `.repeat(1 + (i % 3)) }, deadline: new Date(Date.UTC(2031, 0, 1) + ((i * 37) % N) * 60_000).toISOString(), visibility: i % 10 === 0 ? 'confidential' : 'public' };
        demandCatalogueProjection.apply(db, recorded(`d-${i}`, 'DemandDrafted', { demandId: `d-${i}`, organisationId: 'org-1', authorId: 'a', content: c, draftedAt: at }));
        if (i % 7 !== 3) demandCatalogueProjection.apply(db, recorded(`d-${i}`, 'DemandPublished', { demandId: `d-${i}`, organisationId: 'org-1', publishedBy: 'op', publishedAt: at }));
      }
    })();
  });
  afterAll(() => db.close());

  const browseAll = (filters: Omit<BrowseFilters, 'limit' | 'cursor'>, limit: number): string[] => {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = browseDemands(db, expert, { ...filters, limit, ...(cursor ? { cursor } : {}) });
      out.push(...page.items.map((d) => d.demandId));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };
  const visible = (i: number) => i % 7 !== 3 && i % 10 !== 0;

  it.each<[Omit<BrowseFilters, 'limit' | 'cursor'>]>([[{ keyword: 'battery' }], [{ keyword: 'battery', sort: 'newest' }], [{ keyword: 'sensor', sort: 'deadline' }], [{}], [{ sort: 'deadline' }]])('%j: pages of 37 give the same list as one page of everything', (filters) => {
    const one = browseDemands(db, expert, { ...filters, limit: 5_000 }).items.map((d) => d.demandId);
    expect(browseAll(filters, 37)).toEqual(one);
    expect(new Set(one).size).toBe(one.length);
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => visible(i) && (!filters.keyword || WORDS[i % 4] === filters.keyword));
    expect(one.length).toBe(expected.length);
  });

  it('ranks rows with the word more often first', () => {
    const ranked = browseDemands(db, expert, { keyword: 'battery', limit: 5 }).items.map((d) => Number(d.demandId.slice(2)));
    expect(ranked.every((i) => i % 3 === 2)).toBe(true);
  });

  it('without words, newest first answers from the newest window when it fills the page', () => {
    const page = browseDemands(db, expert, { limit: 20 }).items.map((d) => d.demandId);
    expect(page).toEqual(Array.from({ length: N }, (_, i) => N - 1 - i).filter(visible).slice(0, 20).map((i) => `d-${i}`));
  });

  it('refuses a cursor it did not give', () => {
    expect(() => browseDemands(db, expert, { keyword: 'battery', limit: 5, cursor: Buffer.from(JSON.stringify(['abc', 'd-1'])).toString('base64url') })).toThrow(/cursor/);
  });

  it("refuses one order's cursor in another: a relevance score is no position in a deadline walk", () => {
    const byScore = browseDemands(db, expert, { keyword: 'battery', limit: 5 }).nextCursor!;
    expect(browseDemands(db, expert, { keyword: 'battery', limit: 5, cursor: byScore }).items).toHaveLength(5);
    expect(() => browseDemands(db, expert, { keyword: 'battery', sort: 'deadline', limit: 5, cursor: byScore })).toThrow(expect.objectContaining({ code: 'PAGING.BAD_CURSOR' }));
    expect(() => browseDemands(db, expert, { limit: 5, cursor: byScore })).toThrow(expect.objectContaining({ code: 'PAGING.BAD_CURSOR' }));
  });
});
