import { eventually, expertWho, operator, startMatching, type Body, type Who } from './matching-test-kit';

/** Demand -> resources: ranked per demand and per sub-problem, explained, recorded, visible to the owner and staff only. */
describe('matching: resources matched with demands', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const buyer: Who = { sub: 'buyer', role: 'enterprise', org: 'org-x' };
  const rival: Who = { sub: 'rival', role: 'enterprise', org: 'org-y' };
  const ids: Record<string, string> = {};
  const register = async (key: string, body: Record<string, unknown>) => {
    const r = await m.call('POST', '/resources', operator, { kind: 'technology', capabilities: [], trl: 5, ipStatus: 'none', region: 'CN', ownerOrganisationId: 'org-supplier', ...body });
    expect(r.status).toBe(201);
    ids[key] = r.body.resourceId as string;
  };

  beforeAll(async () => {
    m = await startMatching('hope-matching-resource-matches-');
    await m.memberships([
      { organisationId: 'org-x', subject: 'buyer' },
      { organisationId: 'org-y', subject: 'rival' },
    ]);
    await register('defrost', { title: { en: 'Adaptive defrost control for heat pumps' }, capabilities: ['defrost control', 'heat pump'], kind: 'patent', ipStatus: 'granted' });
    await register('sensor', { title: { zh: '结霜检测传感器' }, description: { en: 'Frost detection by capacitive sensing' }, capabilities: ['frost detection'], kind: 'supplier' });
    await register('lab', { title: { en: 'Acoustic test laboratory' }, capabilities: ['noise testing'], kind: 'lab' });
    await register('gone', { title: { en: 'Heat pump defrost valve' }, capabilities: ['defrost'] });
    await m.call('POST', `/resources/${ids.gone}/withdrawal`, operator, {});
  });
  afterAll(() => m.stop());

  const demand = {
    demandId: 'd1',
    organisationId: 'org-x',
    title: { en: 'Outdoor unit that does not freeze' },
    description: { en: 'Frost builds up on the heat pump outdoor coil; defrost cycles waste energy' },
    domain: 'hvac',
    keywords: [],
    capabilities: ['defrost control'],
    subProblems: [{ id: 'sp-frost', title: { zh: '结霜检测' }, capabilities: ['frost detection'] }],
    visibility: 'public',
    publishedAt: new Date().toISOString(),
  };

  it('ranks resources for the demand and each sub-problem with explanations, never a withdrawn one; the owner and staff see them, others not', async () => {
    await m.publishDemandEvent('DemandPublished', 3, demand);
    let whole: Body;
    await eventually(async () => {
      whole = await m.call('GET', '/demands/d1/resource-matches', buyer);
      expect(whole.status).toBe(200);
    });
    const ranked = whole.body.matches.map((x: Body) => x.resourceId);
    expect(ranked[0]).toBe(ids.defrost);
    expect(ranked).not.toContain(ids.gone);
    expect(ranked).not.toContain(ids.lab);
    expect(whole.body.matches[0]).toMatchObject({ rank: 1, resource: { kind: 'patent', status: 'active', title: { en: 'Adaptive defrost control for heat pumps' } } });
    expect(whole.body.matches[0].explanation.fields.capabilities).toEqual(expect.arrayContaining(['defrost', 'control']));

    const frost = await m.call('GET', '/demands/d1/resource-matches?subProblemId=sp-frost', buyer);
    // The sensor leads; 检测 also means testing (CC-CEDICT), so a test lab may follow it, never ahead.
    expect(frost.body.matches[0].resourceId).toBe(ids.sensor);
    expect(frost.body.matches.map((x: Body) => x.resourceId)).not.toContain(ids.gone);
    expect(frost.body.matches[0].explanation.fields.title.length).toBeGreaterThan(0);

    expect((await m.call('GET', '/demands/d1/resource-matches', operator)).status).toBe(200);
    const foreign = await m.call('GET', '/demands/d1/resource-matches', rival);
    expect(foreign.status).toBe(403);
    expect((await m.call('GET', '/demands/d1/resource-matches', expertWho('e1'))).status).toBe(403);
    expect((await m.call('GET', '/demands/d1/resource-matches?subProblemId=nope', buyer)).status).toBe(404);
    expect((await m.call('GET', '/demands/unknown/resource-matches', buyer)).status).toBe(404);
    expect((await m.call('GET', '/demands/..%2Fx/resource-matches', buyer)).status).toBe(400);
  });

  it('a revision re-ranks', async () => {
    const before = await m.call('GET', '/demands/d1/resource-matches', buyer);
    await m.publishDemandEvent('DemandRevised', 2, { ...demand, revision: 2, changedFields: ['capabilities'], capabilities: ['noise testing'], revisedAt: new Date().toISOString() });
    await eventually(async () => {
      const after = await m.call('GET', '/demands/d1/resource-matches', buyer);
      expect(after.body.matchedAt).not.toBe(before.body.matchedAt);
      expect(after.body.matches.map((x: Body) => x.resourceId)).toContain(ids.lab);
    });
  });

  it('the owner attaches a resource by hand; a rival may not; a withdrawn one cannot be attached', async () => {
    expect((await m.call('POST', '/demands/d1/resources', rival, { resourceId: ids.lab })).status).toBe(403);
    expect((await m.call('POST', '/demands/d1/resources', buyer, { resourceId: ids.gone })).status).toBe(422);
    expect((await m.call('POST', '/demands/d1/resources', buyer, { resourceId: ids.lab })).status).toBe(204);
    expect((await m.call('POST', '/demands/d1/resources', buyer, { resourceId: ids.lab })).status).toBe(204);
    const seen = await m.call('GET', '/demands/d1/resource-matches', buyer);
    expect(seen.body.attached.map((r: Body) => r.resourceId)).toEqual([ids.lab]);
  });
});
