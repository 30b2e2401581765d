import { eventually, expertWho, operator, startMatching } from './matching-test-kit';

/** The funnel from the demand service's events: matched -> invited -> viewed -> submitted -> shortlisted -> adopted, and its effect on ranking. */
describe('matching: the funnel and the track record', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;

  beforeEach(async () => {
    m = await startMatching('hope-matching-funnel-');
    // Twins: the same profile, so only the funnel can tell them apart.
    for (const id of ['ann', 'ben']) await m.join(id, { expertise: { en: 'heat pump defrost control' }, skills: [{ name: 'heat pump', lastPractised: 2025 }] });
  });
  afterEach(() => m.stop());

  it('matched experts are invited; views and the proposal events move them down the funnel once each; adoptions and responsiveness then lift the ranking', async () => {
    const now = new Date().toISOString();
    await m.publishDemandEvent('DemandPublished', 2, { demandId: 'd1', organisationId: 'org-x', title: { en: 'heat pump defrost' }, domain: 'hvac', keywords: [], publishedAt: now });
    await eventually(() => expect(m.published.find((e) => e.type === 'MatchedExpertsInvited')?.data).toEqual({ demandId: 'd1', expertIds: ['ann', 'ben'], invitedAt: expect.any(String) }));

    // Ben (second on a tie, by id) is the one who engages: only the funnel can put him first later.
    expect((await m.call('POST', '/demands/d1/views', expertWho('ben'))).body).toMatchObject({ demandId: 'd1', expertId: 'ben', steps: { matched: expect.any(String), invited: expect.any(String), viewed: expect.any(String) } });
    await m.call('POST', '/demands/d1/views', expertWho('ben')); // a second view changes nothing
    const proposal = { proposalId: 'p1', demandId: 'd1', expertId: 'ben' };
    await m.publishDemandEvent('PlanSubmitted', 1, { ...proposal, coAuthorIds: ['ann'], contentHash: 'h', submittedAt: now });
    await m.publishDemandEvent('PlanShortlisted', 1, { ...proposal, at: now });
    await m.publishDemandEvent('PlanAdopted', 1, { ...proposal, at: now });
    await m.publishDemandEvent('PlanAdopted', 1, { ...proposal, at: now }); // another delivery of an adoption: still one

    const counts = { matched: 2, invited: 2, viewed: 1, submitted: 1, shortlisted: 1, adopted: 1 };
    await eventually(async () => expect((await m.call('GET', '/demands/d1/funnel', operator)).body.counts).toEqual(counts));
    const byDemand = (await m.call('GET', '/demands/d1/funnel', { sub: 'bi', role: 'analyst' })).body;
    expect(byDemand.experts.map((e: { expertId: string; rank: number }) => [e.expertId, e.rank])).toEqual([['ann', 1], ['ben', 2]]);
    expect(Object.keys(byDemand.experts[0].steps)).toEqual(['matched', 'invited']); // a co-author is not the representative

    const ben = await m.call('GET', '/experts/ben/funnel', expertWho('ben'));
    expect(ben.body).toMatchObject({ expertId: 'ben', counts: { ...counts, matched: 1, invited: 1 }, demands: [{ demandId: 'd1', steps: { adopted: now } }] });
    expect((await m.call('GET', '/experts/ben/funnel', expertWho('ann'))).status).toBe(403);

    // The twins now differ by their track record and responsiveness, and the explanation says so.
    const [first, second] = (await m.call('POST', '/rankings', operator, { text: 'heat pump defrost' })).body.matches;
    expect([first.expertId, second.expertId]).toEqual(['ben', 'ann']);
    expect(first.explanation.trackRecord).toEqual({ invited: 1, responded: 1, shortlisted: 1, adopted: 1, rated: 0, ratingSum: 0 });
    expect(first.explanation.factors.trackRecord.contribution).toBeGreaterThan(0);
    expect(second.explanation.factors.responsiveness.value).toBeCloseTo(1 / 3, 4);

    // A revision invites only the newcomers: nobody new here, so no second invitation.
    await m.publishDemandEvent('DemandRevised', 1, { demandId: 'd1', organisationId: 'org-x', revision: 1, changedFields: ['title'], title: { en: 'heat pump defrost cycles' }, domain: 'hvac', keywords: [], revisedAt: now });
    await eventually(() => expect(m.published.filter((e) => e.type === 'ExpertsMatched')).toHaveLength(2));
    expect(m.published.filter((e) => e.type === 'MatchedExpertsInvited')).toHaveLength(1);
  });

  it('a funnel of a demand or an expert matching knows nothing of is a 404 with its code; a published demand nobody reached yet is zeros', async () => {
    const problem = async (path: string, who = operator) => {
      const a = await m.call('GET', path, who);
      return { status: a.status, code: a.body.code };
    };
    expect(await problem('/demands/d-never/funnel')).toEqual({ status: 404, code: 'DEMAND.NOT_FOUND' });
    expect(await problem('/experts/nobody/funnel')).toEqual({ status: 404, code: 'EXPERT.NOT_FOUND' });
    // An expert asking for another's funnel learns nothing of whether it exists.
    expect(await problem('/experts/nobody/funnel', expertWho('ann'))).toEqual({ status: 403, code: 'FUNNEL.NOT_YOURS' });

    await m.publishDemandEvent('DemandPublished', 2, { demandId: 'd-cold', organisationId: 'org-x', title: { en: 'submarine cable splicing' }, domain: 'marine', keywords: [], publishedAt: new Date().toISOString() });
    await eventually(async () => expect((await m.call('GET', '/demands/d-cold/funnel', operator)).status).toBe(200));
    expect((await m.call('GET', '/experts/ann/funnel', expertWho('ann'))).body).toMatchObject({ expertId: 'ann', demands: [] });
  });
});
