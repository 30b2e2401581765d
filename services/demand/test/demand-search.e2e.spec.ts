import { DemandHarness, demandBody } from './demand-e2e.harness';

/** Issue 15: "low noise" finds a demand about "noise ... low"; two-character Chinese words; phrases; ranking; nothing leaks. */
describe('demand search over HTTP: every word in any order, ranked, zh and en', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let alice: string;
  let bob: string;
  let op: string;
  let expert: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-search');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    expert = await h.token('expert', 'x-1');
  });
  afterAll(() => h.stop());

  const draft = async (title: Record<string, string>, description: Record<string, string>, over: Record<string, unknown> = {}) => {
    const created = await h.call(alice, 'POST', '/demands', demandBody({ title, description, keywords: [], subProblems: [], ...over }));
    expect(created.status).toBe(201);
    return created.body.demandId as string;
  };
  const publish = async (title: Record<string, string>, description: Record<string, string>, over: Record<string, unknown> = {}) => {
    const id = await draft(title, description, over);
    expect((await h.call(alice, 'POST', `/demands/${id}/submission`)).status).toBe(200);
    expect((await h.call(op, 'POST', `/demands/${id}/publication`)).status).toBe(200);
    return id;
  };
  const search = async (token: string, query: string) => {
    const r = await h.call(token, 'GET', `/demands?${query}`);
    expect(r.status).toBe(200);
    return r.body.items.map((d: { demandId: string }) => d.demandId) as string[];
  };
  const words = (token: string, keyword: string) => search(token, `keyword=${encodeURIComponent(keyword)}`);

  it('finds all the words in any order, a quoted phrase as a phrase, two-character Chinese words, the title first; never what the caller may not see', async () => {
    const noiseLow = await publish({ en: 'Compressor noise must stay low' }, { en: 'For a fridge.' });
    const lowNoise = await publish({ en: 'Low noise fan' }, { en: 'For a quiet room.' });
    const inDescription = await publish({ en: 'Cold chain' }, { en: 'The fan must run at low noise.' });
    const zh = await publish({ zh: '压缩机降噪方案' }, { zh: '用于冰箱冷藏室。' });
    const confidential = await publish({ en: 'Low noise pump' }, { en: 'x' }, { visibility: 'confidential' });
    const drafted = await draft({ en: 'Low noise draft' }, { en: 'x' });

    expect((await words(expert, 'low noise')).sort()).toEqual([noiseLow, lowNoise, inDescription].sort());
    expect(await words(expert, 'noise low')).toEqual(await words(expert, 'low noise'));
    expect((await words(expert, '"low noise"')).sort()).toEqual([lowNoise, inDescription].sort());
    // The title weighs more than the description.
    const fans = await words(expert, 'fan');
    expect(fans.indexOf(lowNoise)).toBeLessThan(fans.indexOf(inDescription));
    expect(await words(expert, '降噪')).toEqual([zh]);
    expect(await words(expert, '冰箱 压缩机')).toEqual([zh]);

    // Confidentiality holds whatever the words: no confidential demand without an NDA, no other organisation's draft.
    for (const who of [expert, bob]) {
      const found = await words(who, 'low noise');
      expect(found).not.toContain(confidential);
      expect(found).not.toContain(drafted);
    }
    expect(await words(alice, 'low noise draft')).toEqual([drafted]);
    expect(await words(op, 'low noise pump')).toEqual([confidential]);

    // Explicit orders and paging keep working with words; the user's text is never query syntax.
    expect(await search(expert, `keyword=${encodeURIComponent('low noise')}&sort=newest`)).toEqual([inDescription, lowNoise, noiseLow]);
    const first = await h.call(expert, 'GET', `/demands?keyword=${encodeURIComponent('low noise')}&limit=2`);
    const second = await h.call(expert, 'GET', `/demands?keyword=${encodeURIComponent('low noise')}&limit=2&cursor=${first.body.nextCursor as string}`);
    expect([...first.body.items, ...second.body.items].map((d: { demandId: string }) => d.demandId)).toEqual(await words(expert, 'low noise'));
    for (const k of ['NEAR(low noise)', 'low*', 'title:low', '"', '!!!']) expect((await h.call(expert, 'GET', `/demands?keyword=${encodeURIComponent(k)}`)).status).toBe(200);
    const bad = await h.call(expert, 'GET', '/demands?keyword=x&sort=best');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
  });
});
