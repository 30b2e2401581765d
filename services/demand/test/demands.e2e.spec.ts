import type { Schemas } from '@hope/client';
import { collect } from '@hope/eventstore/testing';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe('demands over HTTP (embedded): lifecycle, tenancy, browse, events on hope.demand.events', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let alice: string; // enterprise of org-haier
  let bob: string; // enterprise of org-other
  let op: string;
  let expert: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    expert = await h.token('expert', 'x-1');
  });
  afterAll(() => h.stop());

  const demandStreams = async () => new Set((await collect(h.store.readAll({ filter: { streamPrefixes: ['demand-'] } }))).map((e) => e.stream)).size;

  const publishedDemand = async (over: Record<string, unknown> = {}): Promise<string> => {
    const created = await h.call(alice, 'POST', '/demands', demandBody(over));
    expect(created.status).toBe(201);
    const id = created.body.demandId as string;
    expect((await h.call(alice, 'POST', `/demands/${id}/submission`)).status).toBe(200);
    expect((await h.call(op, 'POST', `/demands/${id}/publication`)).status).toBe(200);
    return id;
  };

  it('bad input is 400 problem+json naming each field, and nothing is written', async () => {
    const before = await demandStreams();
    const bad = await h.call(alice, 'POST', '/demands', demandBody({ trl: 12, title: { fr: 'x' }, extra: 1, reward: { kind: 'gift', amount: -1, currency: 'yuan' } }));
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'reward.amount', 'reward.currency', 'reward.kind', 'title.fr', 'trl']);
    const noTitle = await h.call(alice, 'POST', '/demands', demandBody({ title: {}, deadline: '2020-01-01T00:00:00Z' }));
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors.map((e: { field: string }) => e.field)).toEqual(['title', 'deadline']);
    expect(await demandStreams()).toBe(before);
  });

  it("a draft is its organisation's alone: another organisation and experts get 404 and never see it listed (through the generated client)", async () => {
    const [asAlice, asBob, asExpert] = [h.client(alice), h.client(bob), h.client(expert)];
    const created = await asAlice.POST('/demands', { body: demandBody({ keywords: ['secret-draft'] }) as Schemas<'demand'>['DemandBody'] });
    expect(created.data).toMatchObject({ status: 'draft', organisationId: 'org-haier', title: { en: 'Low-noise compressor' } });
    const demand = { params: { path: { demandId: created.data!.demandId } } };
    const hidden = await asBob.GET('/demands/{demandId}', demand);
    expect([hidden.response.status, hidden.error?.code]).toEqual([404, 'DEMAND.NOT_FOUND']);
    expect((await asExpert.GET('/demands/{demandId}', demand)).response.status).toBe(404);
    expect((await asBob.PATCH('/demands/{demandId}', { ...demand, body: { trl: 3 } })).response.status).toBe(404);
    expect((await asBob.GET('/demands', { params: { query: { keyword: 'secret-draft' } } })).data?.items).toEqual([]);
    expect((await asExpert.GET('/demands', { params: { query: { keyword: 'secret-draft' } } })).data?.items).toEqual([]);
    expect((await asAlice.GET('/demands', { params: { query: { mine: true, keyword: 'secret-draft' } } })).data?.items.map((d) => d.demandId)).toEqual([created.data!.demandId]);
    const edited = await asAlice.PATCH('/demands/{demandId}', { ...demand, body: { trl: 3 } });
    expect(edited.data).toMatchObject({ status: 'draft', trl: 3 });
  });

  it('draft -> submitted -> published by an operator; DemandPublished v3 reaches the topic with the contract payload', async () => {
    const created = await h.call(alice, 'POST', '/demands', demandBody());
    const id = created.body.demandId as string;
    expect((await h.call(op, 'POST', `/demands/${id}/publication`)).status).toBe(409); // not submitted yet
    expect((await h.call(alice, 'POST', `/demands/${id}/submission`)).body.status).toBe('submitted');
    expect((await h.call(alice, 'POST', `/demands/${id}/publication`)).status).toBe(403);
    const published = await h.call(op, 'POST', `/demands/${id}/publication`);
    expect(published.body.status).toBe('published');
    const event = await h.published1('DemandPublished', (e) => (e.data as { demandId: string }).demandId === id);
    expect(event).toMatchObject({ version: 3, stream: `demand-${id}` });
    expect(event.data).toEqual({
      demandId: id,
      organisationId: 'org-haier',
      title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
      description: { en: 'A compressor under 30 dB for refrigerators.' },
      domain: 'smart-home',
      keywords: ['compressor', '降噪'],
      capabilities: [],
      subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['materials'] }],
      visibility: 'public',
      publishedAt: published.body.publishedAt,
    });
    expect(h.published.some((e) => e.type === 'DemandDrafted' || e.type === 'DemandSubmittedForReview')).toBe(false);
  });

  it('an operator rejects with a reason; the enterprise edits and resubmits', async () => {
    const id = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${id}/submission`);
    expect((await h.call(op, 'POST', `/demands/${id}/rejection`, {})).status).toBe(400);
    const rejected = await h.call(op, 'POST', `/demands/${id}/rejection`, { reason: 'Say what noise level you need' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejection: { reason: 'Say what noise level you need' } });
    expect((await h.call(alice, 'PATCH', `/demands/${id}`, { description: { en: 'Under 25 dB(A) at 1 m.' } })).body.status).toBe('draft');
    expect((await h.call(alice, 'POST', `/demands/${id}/submission`)).body.status).toBe('submitted');
  });

  it('experts browse published demands by keyword (zh or en), domain and status, with cursor paging; anonymous seekers stay hidden', async () => {
    const a = await publishedDemand({ keywords: ['browse-kw', '热泵'], domain: 'browse-domain' });
    const b = await publishedDemand({ keywords: ['browse-kw'], domain: 'browse-domain', anonymous: true });
    await publishedDemand({ keywords: ['browse-kw'], domain: 'browse-domain', visibility: 'confidential' });
    const page1 = await h.call(expert, 'GET', '/demands?domain=browse-domain&limit=1');
    expect(page1.body.items.map((d: { demandId: string }) => d.demandId)).toEqual([b]);
    expect(page1.body.items[0].organisationId).toBeUndefined();
    const page2 = await h.call(expert, 'GET', `/demands?domain=browse-domain&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((d: { demandId: string }) => d.demandId)).toEqual([a]);
    expect(page2.body.nextCursor).toBeUndefined(); // the confidential one is not an expert's to see
    expect((await h.call(expert, 'GET', '/demands?keyword=热泵')).body.items.map((d: { demandId: string }) => d.demandId)).toEqual([a]);
    expect((await h.call(expert, 'GET', '/demands?keyword=BROWSE-KW&status=closed')).body.items).toEqual([]);
    expect((await h.call(expert, 'GET', '/demands?cursor=garbage')).status).toBe(400);
    expect((await h.call(expert, 'GET', '/demands?limit=1000')).status).toBe(400);
  });

  it('experts filter by sub-problem capability and deadline window, sorted by deadline, paged by cursor', async () => {
    const day = 86_400_000;
    const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();
    const cap = `cap-${Date.now()}`;
    const ids: string[] = [];
    for (const n of [20, 5, 12]) ids.push(await publishedDemand({ deadline: inDays(n), subProblems: [{ id: 'sp-1', title: { en: 'x' }, capabilities: [cap.toUpperCase()] }] }));
    await publishedDemand({ deadline: inDays(7), capabilities: ['unrelated'] });
    const [d20, d5, d12] = ids;
    const first = await h.call(expert, 'GET', `/demands?capability=${cap}&sort=deadline&limit=2`);
    expect(first.body.items.map((d: { demandId: string }) => d.demandId)).toEqual([d5, d12]);
    const next = await h.call(expert, 'GET', `/demands?capability=${cap}&sort=deadline&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((d: { demandId: string }) => d.demandId)).toEqual([d20]);
    expect(next.body.nextCursor).toBeUndefined();
    const window = await h.call(expert, 'GET', `/demands?capability=${cap}&deadlineFrom=${encodeURIComponent(inDays(10))}&deadlineTo=${encodeURIComponent(inDays(15))}`);
    expect(window.body.items.map((d: { demandId: string }) => d.demandId)).toEqual([d12]);
    expect((await h.call(expert, 'GET', '/demands?sort=cheapest&deadlineTo=tomorrow')).body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deadlineTo', 'sort']);
  });

  it('revisions are kept with what changed and announced; IP terms are fixed once published', async () => {
    const id = await publishedDemand();
    expect((await h.call(alice, 'POST', `/demands/${id}/revisions`, { ipTerms: 'none' })).status).toBe(422);
    const revised = await h.call(alice, 'POST', `/demands/${id}/revisions`, { keywords: ['compressor', 'quiet'], trl: 5 });
    expect(revised.body.revisions).toEqual([{ revision: 1, changedFields: ['keywords'], by: 'alice', at: expect.any(String) }]);
    const event = await h.published1('DemandRevised', (e) => (e.data as { demandId: string }).demandId === id);
    expect(event.data).toMatchObject({ revision: 1, changedFields: ['keywords'], keywords: ['compressor', 'quiet'] });
    expect((await h.call(alice, 'PATCH', `/demands/${id}`, { trl: 2 })).status).toBe(409); // drafts edit, published ones revise
  });

  it('a published demand is cancelled only by an operator with a reason, and that is announced', async () => {
    const id = await publishedDemand();
    expect((await h.call(alice, 'POST', `/demands/${id}/cancellation`, {})).status).toBe(403);
    expect((await h.call(op, 'POST', `/demands/${id}/cancellation`, {})).status).toBe(400);
    expect((await h.call(op, 'POST', `/demands/${id}/cancellation`, { reason: 'Budget withdrawn' })).body.status).toBe('cancelled');
    const event = await h.published1('DemandCancelled', (e) => (e.data as { demandId: string }).demandId === id);
    expect(event.data).toMatchObject({ organisationId: 'org-haier', reason: 'Budget withdrawn' });
  });
});
