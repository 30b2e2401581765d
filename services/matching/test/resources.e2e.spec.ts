import { expertWho, operator, startMatching, type Body, type Who } from './matching-test-kit';

/** Resources over HTTP: register, list, revise, withdraw, enquire; tenancy by membership. */
describe('matching: resources', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const alice: Who = { sub: 'alice', role: 'enterprise', org: 'acme' };
  const mallory: Who = { sub: 'mallory', role: 'enterprise', org: 'globex' };
  const impostor: Who = { sub: 'eve', role: 'enterprise', org: 'acme' };
  const patent = {
    kind: 'patent',
    title: { zh: '低噪音涡旋压缩机', en: 'Low-noise scroll compressor' },
    description: { en: 'Damped discharge valve for quiet compressors' },
    capabilities: ['noise reduction', 'scroll compressor'],
    trl: 6,
    ipStatus: 'granted',
    region: 'CN-37',
  };

  beforeAll(async () => {
    m = await startMatching('hope-matching-resources-');
    await m.memberships([
      { organisationId: 'acme', subject: 'alice' },
      { organisationId: 'globex', subject: 'mallory' },
    ]);
  });
  afterAll(() => m.stop());

  it('a member registers for its organisation; the resource is listed and read back without any contact address', async () => {
    const created = await m.call('POST', '/resources', alice, patent);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...patent, ownerOrganisationId: 'acme', status: 'active' });
    const id = created.body.resourceId as string;
    expect(JSON.stringify(created.body)).not.toMatch(/email|phone|contact/i);
    expect((await m.call('GET', `/resources/${id}`, expertWho('e1'))).body.title).toEqual(patent.title);
    const listed = await m.call('GET', '/resources?ownerOrganisationId=acme&kind=patent&minTrl=5', expertWho('e1'));
    expect(listed.body.items.map((r: Body) => r.resourceId)).toEqual([id]);
  });

  it('bad input is a 400 problem naming each field; a title in no language is refused', async () => {
    const bad = await m.call('POST', '/resources', alice, { ...patent, kind: 'rumour', trl: 12, capabilities: 'x', email: 'a@b.c' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Body) => e.field).sort()).toEqual(['capabilities', 'email', 'kind', 'trl']);
    const untitled = await m.call('POST', '/resources', alice, { ...patent, title: {} });
    expect(untitled.status).toBe(400);
    expect(untitled.body.errors.map((e: Body) => e.field)).toEqual(['title']);
    expect((await m.call('GET', '/resources?minTrl=0', alice)).status).toBe(400);
    expect((await m.call('GET', '/resources/..%2Fx', alice)).status).toBe(400);
  });

  it('another organisation cannot revise or withdraw yours, nor register for you; staff can; a non-member is refused', async () => {
    const id = (await m.call('POST', '/resources', alice, patent)).body.resourceId as string;
    const foreign = await m.call('PATCH', `/resources/${id}`, mallory, { trl: 9 });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('RESOURCE.NOT_YOURS');
    expect((await m.call('POST', `/resources/${id}/withdrawal`, mallory, {})).status).toBe(403);
    expect((await m.call('POST', '/resources', mallory, { ...patent, ownerOrganisationId: 'acme' })).status).toBe(403);
    expect((await m.call('PATCH', `/resources/${id}`, impostor, { trl: 9 })).status).toBe(403);
    expect((await m.call('POST', '/resources', expertWho('e1'), patent)).status).toBe(403);

    const revised = await m.call('PATCH', `/resources/${id}`, alice, { trl: 7, region: 'DE' });
    expect(revised.body).toMatchObject({ trl: 7, region: 'DE', kind: 'patent' });
    expect((await m.call('PATCH', `/resources/${id}`, operator, { ipStatus: 'licensed' })).body.ipStatus).toBe('licensed');
    expect((await m.call('POST', '/resources', operator, patent)).status).toBe(400); // staff name the owner
    expect((await m.call('POST', '/resources', operator, { ...patent, ownerOrganisationId: 'globex' })).body.ownerOrganisationId).toBe('globex');

    expect((await m.call('POST', `/resources/${id}/withdrawal`, alice, { reason: 'sold' })).body.status).toBe('withdrawn');
    expect((await m.call('PATCH', `/resources/${id}`, alice, { trl: 8 })).status).toBe(409);
    expect((await m.call('GET', '/resources?ownerOrganisationId=acme', alice)).body.items.map((r: Body) => r.resourceId)).not.toContain(id);
    expect((await m.call('PATCH', '/resources/nope', alice, { trl: 8 })).status).toBe(404);
  });

  it('an enquiry goes through the platform; only the owner and staff read enquiries', async () => {
    const id = (await m.call('POST', '/resources', alice, patent)).body.resourceId as string;
    const sent = await m.call('POST', `/resources/${id}/enquiries`, mallory, { message: 'Licensing terms for white goods?' });
    expect(sent.status).toBe(201);
    const seen = await m.call('GET', `/resources/${id}/enquiries`, alice);
    expect(seen.body.items).toEqual([expect.objectContaining({ enquiryId: sent.body.enquiryId, from: { subject: 'mallory', role: 'enterprise', organisationId: 'globex' }, message: 'Licensing terms for white goods?' })]);
    expect((await m.call('GET', `/resources/${id}/enquiries`, mallory)).status).toBe(403);
    expect((await m.call('GET', `/resources/${id}/enquiries`, operator)).body.items).toHaveLength(1);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) await m.call('POST', '/resources', operator, { ...patent, ownerOrganisationId: 'paged' });
    const first = await m.call('GET', '/resources?ownerOrganisationId=paged&limit=2', operator);
    expect(first.body.items).toHaveLength(2);
    const second = await m.call('GET', `/resources?ownerOrganisationId=paged&limit=2&cursor=${first.body.nextCursor}`, operator);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
  });
});
