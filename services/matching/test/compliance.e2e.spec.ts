import { expertWho, operator, startMatching } from './matching-test-kit';

/** Compliance over HTTP: terms, employer restrictions, cooling-off, the conflict check and their effect on rankings. */
describe('matching: compliance', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const month = (offset: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + offset);
    return d.toISOString().slice(0, 7);
  };
  const ranked = async (owner: string) => (await m.call('POST', '/rankings', operator, { text: 'compressor', ownerOrganisationId: owner })).body;

  beforeEach(async () => {
    m = await startMatching('hope-matching-compliance-');
    await m.memberships([{ organisationId: 'org-listed', subject: 'buyer' }]);
    await m.join('leaver', { expertise: { en: 'compressor design' }, employers: [{ employer: 'Listed Co', organisationId: 'org-listed', from: '2015-01', to: month(-2) }] });
    await m.join('bound', { expertise: { en: 'compressor design' }, employers: [{ employer: 'Rival', organisationId: 'org-rival', from: '2019-01' }] });
    await m.join('free', { expertise: { en: 'compressor design' } });
  });
  afterEach(() => m.stop());

  it('cooling-off and employer restrictions exclude experts from rankings and show in the conflict check with reasons', async () => {
    // Before the company is registered as listed, leaving it is no conflict.
    expect((await ranked('org-listed')).matches.map((x: { expertId: string }) => x.expertId).sort()).toEqual(['bound', 'free', 'leaver']);
    const listed = await m.call('POST', '/compliance/listed-companies', operator, { organisationId: 'org-listed', name: 'Listed Co', coolingOffMonths: 12 });
    expect(listed.status).toBe(201);
    expect(listed.body.listedCompanies).toEqual([{ organisationId: 'org-listed', name: 'Listed Co', coolingOffMonths: 12 }]);
    expect((await m.call('POST', '/compliance/listed-companies', expertWho('free'), { organisationId: 'x', name: 'x', coolingOffMonths: 1 })).status).toBe(403);

    const restriction = await m.call('POST', '/experts/bound/employer-restrictions', expertWho('bound'), { organisationIds: ['org-listed'], note: 'non-compete' });
    expect(restriction.status).toBe(201);
    const restrictionId = restriction.body.restrictions[0].restrictionId as string;
    expect((await m.call('POST', '/experts/bound/employer-restrictions', expertWho('free'), { organisationIds: ['x'] })).status).toBe(403);

    const r = await ranked('org-listed');
    expect(r.matches.map((x: { expertId: string }) => x.expertId)).toEqual(['free']);
    expect(r.excluded).toEqual(expect.arrayContaining([{ expertId: 'leaver', reason: 'cooling-off' }, { expertId: 'bound', reason: 'employer-restriction' }]));

    const check = await m.call('GET', '/experts/leaver/conflict-check?organisationId=org-listed', { sub: 'consulting', role: 'service' });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      expertId: 'leaver',
      organisationId: 'org-listed',
      conflict: true,
      reasons: [{ code: 'cooling-off', detail: expect.stringContaining('Listed Co'), until: expect.stringMatching(/^\d{4}-\d{2}-01$/) }],
      terms: { status: 'not-required' },
      erased: false,
      cleared: false,
      checkedAt: expect.any(String),
    });
    const own = await m.call('GET', '/experts/bound/conflict-check?organisationId=org-rival', { sub: 'consulting', role: 'service' });
    expect(own.body.reasons.map((x: { code: string }) => x.code)).toEqual(['same-current-employer']);
    expect((await m.call('GET', '/experts/free/conflict-check?organisationId=org-listed', { sub: 'consulting', role: 'service' })).body).toMatchObject({ conflict: false, cleared: true });
    // An enterprise asks only about itself; a missing organisation is a 400 naming it; an unknown expert is 404.
    expect((await m.call('GET', '/experts/free/conflict-check?organisationId=org-rival', { sub: 'buyer', role: 'enterprise', org: 'org-listed' })).status).toBe(403);
    expect((await m.call('GET', '/experts/free/conflict-check', { sub: 'c', role: 'service' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['organisationId']);
    expect((await m.call('GET', '/experts/nobody/conflict-check?organisationId=x', { sub: 'c', role: 'service' })).status).toBe(404);

    // Lifting the restriction puts the expert back.
    expect((await m.call('DELETE', `/experts/bound/employer-restrictions/${restrictionId}`, operator)).body.restrictions).toEqual([]);
    expect((await ranked('org-listed')).matches.map((x: { expertId: string }) => x.expertId).sort()).toEqual(['bound', 'free']);
  });

  it('terms: once published, only experts who accepted the current version are matched; a new version needs accepting again', async () => {
    expect((await m.call('POST', '/compliance/terms', operator, { version: '2026-01' })).body.currentTerms).toMatchObject({ version: '2026-01' });
    expect((await ranked('org-x')).matches).toEqual([]);
    expect((await m.call('POST', '/experts/free/terms-acceptance', expertWho('free'), { version: '2025-01' })).status).toBe(422);
    expect((await m.call('POST', '/experts/free/terms-acceptance', expertWho('bound'), { version: '2026-01' })).status).toBe(403);
    expect((await m.call('POST', '/experts/free/terms-acceptance', expertWho('free'), { version: '2026-01' })).body.terms).toMatchObject({ version: '2026-01' });
    expect((await ranked('org-x')).matches.map((x: { expertId: string }) => x.expertId)).toEqual(['free']);
    expect((await m.call('GET', '/experts/free/conflict-check?organisationId=org-x', operator)).body.terms).toMatchObject({ status: 'current', currentVersion: '2026-01' });

    await m.call('POST', '/compliance/terms', operator, { version: '2026-07' });
    expect((await m.call('POST', '/compliance/terms', operator, { version: '2026-07' })).status).toBe(409);
    expect((await ranked('org-x')).matches).toEqual([]);
    expect((await m.call('GET', '/experts/free/conflict-check?organisationId=org-x', operator)).body).toMatchObject({ conflict: false, cleared: false, terms: { status: 'outdated' } });
    const events = await m.platform.stores.get('matching')!.readStream('expert-free');
    const types: string[] = [];
    for await (const e of events) types.push(e.type);
    expect(types).toEqual(['ExpertJoined', 'TermsAccepted']);
  });
});
