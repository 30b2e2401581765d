import { eventually, expertWho, operator, startMatching, type Body, type Who } from './matching-test-kit';

/** Evaluation: the owner's members and operators score a demand's proposals and resources; a comparison per demand. */
describe('matching: evaluations of proposals and resources', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const alice: Who = { sub: 'alice', role: 'enterprise', org: 'org-x' };
  const bob: Who = { sub: 'bob', role: 'enterprise', org: 'org-x' };
  const rival: Who = { sub: 'rival', role: 'enterprise', org: 'org-y' };
  let matchedId: string;
  let otherId: string;
  const scores = (n: number) => ({ novelty: n, feasibility: n, cost: n, ip: n, trlFit: n });

  beforeAll(async () => {
    m = await startMatching('hope-matching-evaluations-');
    await m.memberships([
      { organisationId: 'org-x', subject: 'alice' },
      { organisationId: 'org-x', subject: 'bob' },
      { organisationId: 'org-y', subject: 'rival' },
    ]);
    const base = { kind: 'technology', capabilities: [], trl: 5, ipStatus: 'none', region: 'CN', ownerOrganisationId: 'org-s' };
    matchedId = (await m.call('POST', '/resources', operator, { ...base, title: { en: 'Ultrasonic defrost for heat exchangers' } })).body.resourceId;
    otherId = (await m.call('POST', '/resources', operator, { ...base, title: { en: 'Injection moulding line' } })).body.resourceId;
    await m.publishDemandEvent('DemandPublished', 3, {
      demandId: 'd1',
      organisationId: 'org-x',
      title: { en: 'Faster defrost of heat exchangers' },
      description: {},
      domain: 'hvac',
      keywords: [],
      capabilities: [],
      subProblems: [],
      visibility: 'public',
      publishedAt: new Date().toISOString(),
    });
    const submitted = (proposalId: string) => ({ proposalId, demandId: 'd1', expertId: 'e1', coAuthorIds: [], contentHash: 'h', submittedAt: new Date().toISOString() });
    await m.publishDemandEvent('PlanSubmitted', 1, submitted('p1'));
    await m.publishDemandEvent('ClueSubmitted', 1, submitted('p2'));
    await m.publishDemandEvent('ProposalWithdrawn', 1, { proposalId: 'p2', demandId: 'd1', expertId: 'e1', at: new Date().toISOString() });
    await eventually(async () => expect((await m.call('GET', '/demands/d1/resource-matches', alice)).body.matches?.map((x: Body) => x.resourceId)).toEqual([matchedId]));
  });
  afterAll(() => m.stop());

  it('members and operators score proposals and matched resources; the comparison averages per criterion, best first', async () => {
    await eventually(async () => expect((await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'proposal', id: 'p1' }, scores: scores(4), comment: 'credible' })).status).toBe(204));
    expect((await m.call('POST', '/demands/d1/evaluations', bob, { target: { kind: 'proposal', id: 'p1' }, scores: { ...scores(5), cost: 3 } })).status).toBe(204);
    expect((await m.call('POST', '/demands/d1/evaluations', operator, { target: { kind: 'resource', id: matchedId }, scores: scores(3) })).status).toBe(204);
    // Bob changes his mind: his latest evaluation counts, once.
    expect((await m.call('POST', '/demands/d1/evaluations', bob, { target: { kind: 'proposal', id: 'p1' }, scores: scores(5) })).status).toBe(204);

    const comparison = await m.call('GET', '/demands/d1/evaluations', alice);
    expect(comparison.status).toBe(200);
    expect(comparison.body.targets).toEqual([
      { target: { kind: 'proposal', id: 'p1' }, count: 2, evaluators: ['alice', 'bob'], averages: scores(4.5), overall: 4.5, comments: [{ evaluator: 'alice', comment: 'credible' }] },
      { target: { kind: 'resource', id: matchedId }, count: 1, evaluators: ['op'], averages: scores(3), overall: 3, comments: [] },
    ]);
    expect((await m.call('GET', '/demands/d1/evaluations', operator)).status).toBe(200);
  });

  it('refuses other organisations, experts, unknown or withdrawn proposals, unmatched resources and bad scores', async () => {
    expect((await m.call('POST', '/demands/d1/evaluations', rival, { target: { kind: 'proposal', id: 'p1' }, scores: scores(1) })).status).toBe(403);
    expect((await m.call('GET', '/demands/d1/evaluations', rival)).status).toBe(403);
    expect((await m.call('POST', '/demands/d1/evaluations', expertWho('e1'), { target: { kind: 'proposal', id: 'p1' }, scores: scores(5) })).status).toBe(403);
    expect((await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'proposal', id: 'nope' }, scores: scores(3) })).status).toBe(422);
    expect((await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'proposal', id: 'p2' }, scores: scores(3) })).status).toBe(422);
    const unmatched = await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'resource', id: otherId }, scores: scores(3) });
    expect(unmatched.status).toBe(422);
    expect(unmatched.body.errors.map((e: Body) => e.field)).toEqual(['target.id']);
    const bad = await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'idea', id: 'p1' }, scores: { ...scores(3), novelty: 6, cost: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Body) => e.field).sort()).toEqual(['scores.cost', 'scores.novelty', 'target.kind']);
    expect((await m.call('POST', '/demands/unknown/evaluations', alice, { target: { kind: 'proposal', id: 'p1' }, scores: scores(3) })).status).toBe(404);

    // Attached by hand, a resource can then be evaluated.
    expect((await m.call('POST', '/demands/d1/resources', alice, { resourceId: otherId })).status).toBe(204);
    expect((await m.call('POST', '/demands/d1/evaluations', alice, { target: { kind: 'resource', id: otherId }, scores: scores(2) })).status).toBe(204);
  });
});
