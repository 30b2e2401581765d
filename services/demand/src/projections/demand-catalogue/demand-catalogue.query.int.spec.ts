import Database from 'better-sqlite3';
import type { RecordedEvent } from '@hope/eventstore';
import type { Principal } from '@hope/kernel';
import type { DemandContent } from '../../domain/demand/demand.content';
import { confidentialAccessProjection } from '../confidential-access/confidential-access.projection';
import { demandCatalogueProjection } from './demand-catalogue.projection';
import { browseDemands, keywordCondition, keywordPlan, NEWEST_WINDOW } from './demand-catalogue.query';

// More demands than the first pass looks at, so both passes (newest window, whole catalogue) are exercised.
const N = NEWEST_WINDOW + 1_000;
const EN = ['compressor', 'battery', 'sensor', 'acoustic'];
const ZH = ['压缩机', '降噪', '电池', '传感器'];
// Old demands (only the whole-catalogue pass reaches them) with rare words: 1-2 characters in both
// scripts, a word at the very end of the text, and two halves of 降噪 in two fields (no match across them).
const RARE: Record<number, string[]> = { 19: ['Rare-Word'], 23: ['稀有', 'Qx'], 37: ['末尾'], 43: ['x降', '噪y'] };

const recorded = (i: number, type: string, data: unknown): RecordedEvent =>
  ({ id: `e-${type}-${i}`, stream: `demand-d-${i}`, revision: 0, position: { commit: BigInt(i), prepare: BigInt(i) }, type, data, metadata: {}, recordedAt: new Date(0) }) as unknown as RecordedEvent;

function content(i: number): DemandContent {
  const zh = i % 2 === 0;
  const w = i % 4;
  return {
    title: zh ? { zh: `${ZH[w]}方案 ${i}` } : { en: `${EN[w]} Solution ${i}` },
    description: zh ? { zh: '寻找技术。' } : { en: 'Looking for "quoted" 100% technology.' },
    domain: 'smart-home',
    keywords: RARE[i] ?? [],
    capabilities: [],
    subProblems: [],
    maturity: 'idea',
    trl: 1,
    ipTerms: 'none',
    deadline: new Date(Date.UTC(2031, 0, 1) + ((i * 37) % N) * 60_000).toISOString(),
    visibility: i % 10 === 0 ? 'confidential' : 'public',
    anonymous: false,
  };
}

describe('catalogue keyword search: FTS5 trigram phrase or vocabulary range (1-2 characters), two passes: the same answers as a plain scan', () => {
  const db = new Database(':memory:');
  const docs: { id: string; text: string; visible: boolean; listedAt: string; deadline: string }[] = [];
  const expert: Principal = { subject: 'x-1', role: 'expert' };

  beforeAll(() => {
    db.exec(demandCatalogueProjection.schema);
    db.exec(confidentialAccessProjection.schema);
    db.transaction(() => {
      for (let i = 0; i < N; i++) {
        const c = content(i);
        const at = new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString();
        demandCatalogueProjection.apply(db, recorded(i, 'DemandDrafted', { demandId: `d-${i}`, organisationId: 'org-1', authorId: 'a', content: c, draftedAt: at }));
        if (i % 7 === 3) continue; // some stay drafts: never visible to an expert
        demandCatalogueProjection.apply(db, recorded(i, 'DemandPublished', { demandId: `d-${i}`, organisationId: 'org-1', publishedBy: 'op', publishedAt: at }));
        const text = [c.title.en, c.title.zh, c.description.en, c.description.zh, ...c.keywords].filter(Boolean).join('\n').toLowerCase();
        docs.push({ id: `d-${i}`, text, visible: c.visibility !== 'confidential', listedAt: at, deadline: c.deadline });
      }
    })();
    // A revision changes the searchable text: the index follows it.
    demandCatalogueProjection.apply(db, recorded(N + 1, 'DemandRevised', { demandId: 'd-5', revision: 1, changes: { keywords: ['Revised-Term'] }, revisedAt: '2030-06-01T00:00:00.000Z' }));
    docs.find((d) => d.id === 'd-5')!.text += '\nrevised-term';
    // A revision that removes 2-character words: the index forgets them.
    demandCatalogueProjection.apply(db, recorded(N + 2, 'DemandRevised', { demandId: 'd-23', revision: 1, changes: { keywords: ['Qx-2'] }, revisedAt: '2030-06-01T00:00:00.000Z' }));
    docs.find((d) => d.id === 'd-23')!.text = docs.find((d) => d.id === 'd-23')!.text.replace('\n稀有\nqx', '\nqx-2');
  });
  afterAll(() => db.close());

  const scan = (keyword: string, sort: 'newest' | 'deadline') =>
    docs
      .filter((d) => d.visible && d.text.includes(keyword.toLowerCase()))
      .sort((x, y) => {
        const [a, b] = sort === 'newest' ? [y.listedAt + y.id, x.listedAt + x.id] : [x.deadline + x.id, y.deadline + y.id];
        return a < b ? -1 : a > b ? 1 : 0;
      })
      .map((d) => d.id);

  /** Every page, following the cursors. */
  const browseAll = (keyword: string, sort: 'newest' | 'deadline', limit: number): string[] => {
    const out: string[] = [];
    let cursor: string | undefined;
    do {
      const page = browseDemands(db, expert, { keyword, sort, limit, ...(cursor ? { cursor } : {}) });
      out.push(...page.items.map((d) => d.demandId));
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  };

  it.each([
    ['a common English word (first pass fills the page)', 'battery', true],
    ['a common Chinese word of 3 characters', '压缩机', true],
    ['a 2-character Chinese word', '电池', true],
    ['one character', '池', true],
    ['one Latin character', 'q', true],
    ['two Latin characters', 'ba', true],
    ['a rare 2-character Chinese word a revision removed', '稀有', false],
    ['a rare 2-character Latin word (kept in a revised form)', 'qx', true],
    ['a 2-character word ending the text', '末尾', true],
    ['a 1-character word ending the text', '尾', true],
    ['a word split over two fields: no match across them', '降噪', false],
    ['a 2-character word across a field boundary, line break included', '降\n', true],
    ['a digit', '7', true],
    ['a letter in most rows (too common for the index: the rows are walked)', 'o', true],
    ['a rare term (only the FTS index finds it quickly)', 'rare-word', true],
    ['upper case in the query', 'SOLUTION 1237', true],
    ['a revised keyword', 'revised-term', true],
    ['quotes and LIKE wildcards taken literally', '"quoted" 100%', true],
    ['a wildcard that matches nothing literally', 'solution_1', false],
    ['no match', 'zzz-none', false],
  ])('%s: the first page equals the scan\'s top 20', (_what, keyword, matches) => {
    expect(scan(keyword, 'newest').length > 0).toBe(matches);
    expect(browseDemands(db, expert, { keyword, limit: 20 }).items.map((d) => d.demandId)).toEqual(scan(keyword, 'newest').slice(0, 20));
    expect(browseDemands(db, expert, { keyword, sort: 'deadline', limit: 20 }).items.map((d) => d.demandId)).toEqual(scan(keyword, 'deadline').slice(0, 20));
  });

  it.each([['solution 12'], ['降噪'], ['方案 1']])('paging through every result of %s returns each match once, in order', (keyword) => {
    expect(browseAll(keyword, 'newest', 100)).toEqual(scan(keyword, 'newest'));
    expect(browseAll(keyword, 'deadline', 100)).toEqual(scan(keyword, 'deadline'));
  });

  it('keeps the index in step with the catalogue: one index row per demand, same text', () => {
    const mismatched = db
      .prepare("SELECT count(*) AS n FROM demand_catalogue c LEFT JOIN demand_catalogue_fts f ON f.rowid = c.rowid WHERE f.search_text IS NOT c.search_text || char(1, 1) OR f.demand_id IS NOT c.demand_id")
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM demand_catalogue_fts').get() as { n: number }).n).toBe(N);
  });

  it.each([['降噪'], ['qx'], ['尾'], ['7']])('finds the rows for the 1-2 character word %s through the index, by rowid, not by reading every row', (keyword) => {
    const k = keywordCondition(keyword);
    expect(keywordPlan(db, keyword)).toBe('index');
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN SELECT * FROM demand_catalogue AS c NOT INDEXED WHERE ${k.indexed.sql}`)
      .all(...k.indexed.params)
      .map((r) => r.detail);
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/));
    expect(plan).toContainEqual(expect.stringMatching(/demand_catalogue_fts_terms VIRTUAL TABLE/));
    expect(plan).not.toContainEqual(expect.stringMatching(/^SCAN c\b/));
  });

  it('walks the rows for a 1-2 character word too common for the index (its holders would cost more to look up one by one)', () => {
    expect(keywordPlan(db, 'o')).toBe('scan');
    expect(keywordPlan(db, 'solution')).toBe('index'); // 3+ characters: a phrase match, however common
    expect(browseAll('o', 'deadline', 500)).toEqual(scan('o', 'deadline'));
  });

  it('leaves to the scan the words the index cannot answer exactly (cased letters it folds its own way), with the same answers', () => {
    expect(keywordPlan(db, 'ς')).toBe('scan');
    expect(browseDemands(db, expert, { keyword: 'ς', limit: 20 }).items).toEqual([]);
  });

  it('lists a confidential demand to the experts who accepted its NDA, on either pass, and to no other expert', () => {
    const accept = (demandId: string, expertId: string, i: number) =>
      confidentialAccessProjection.apply(db, { ...recorded(N + 10 + i, 'NdaAccepted', { demandId, organisationId: 'org-1', expertId, ndaVersion: 'v1', acceptedAt: '2030-06-01T00:00:00.000Z' }), stream: `nda-${demandId}` } as RecordedEvent);
    const newest = `d-${N - 10}`; // confidential (i % 10 === 0), in the newest window
    const oldest = 'd-20'; // confidential, only the whole-catalogue pass reaches it
    accept(newest, 'x-2', 1);
    accept(oldest, 'x-2', 2);
    accept(oldest, 'x-2', 3); // a redelivery changes nothing
    const x2: Principal = { subject: 'x-2', role: 'expert' };
    const ids = (viewer: Principal, keyword: string) => browseDemands(db, viewer, { keyword, limit: 100 }).items.map((d) => d.demandId);
    expect(ids(x2, `方案 ${N - 10}`)).toContain(newest);
    expect(ids(x2, '方案 20')).toContain(oldest);
    expect(ids(x2, '方案 20')).not.toContain('d-200'); // another confidential demand: no NDA accepted
    expect(ids(expert, `方案 ${N - 10}`)).not.toContain(newest);
    expect(ids(expert, '方案 20')).not.toContain(oldest);
    expect(browseDemands(db, x2, { limit: 20 }).items.map((d) => d.demandId)).toContain(newest);
  });
});
