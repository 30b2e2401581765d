import { collect } from '@hope/eventstore/testing';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe('organisations and members over HTTP: tenancy rests on membership, not on the token', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let op: string, analyst: string, expert: string;

  beforeAll(async () => {
    await h.start();
    op = await h.token('operator', 'op-1');
    analyst = await h.token('analyst', 'an-1');
    expert = await h.token('expert', 'x-1');
  });
  afterAll(() => h.stop());

  const streams = async (prefix: string) => (await collect(h.store.readAll({ filter: { streamPrefixes: [prefix] } }))).length;
  const acme = { organisationId: 'org-acme', name: { en: 'Acme Automotive', zh: '艾克米汽车' }, kind: 'client' };

  it('an operator registers an organisation: 201, the same again 200 with the same answer, another body under the id 409', async () => {
    const first = await h.call(op, 'POST', '/organisations', acme);
    expect(first.status).toBe(201);
    expect(first.body).toEqual(acme);
    const again = await h.call(op, 'POST', '/organisations', acme);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await h.call(op, 'POST', '/organisations', { ...acme, kind: 'sme' });
    expect(other.status).toBe(409);
    expect(other.contentType).toMatch(/application\/problem\+json/);
    expect(await streams('organisation-org-acme')).toBe(1);
  });

  it('bad input is 400 naming each field; only operators register or manage members; nothing is written', async () => {
    const before = await streams('organisation-');
    const bad = await h.call(op, 'POST', '/organisations', { organisationId: 'no spaces!', name: { fr: 'x' }, kind: 'giant' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'name.fr', 'organisationId']);
    expect((await h.call(op, 'POST', '/organisations', { organisationId: 'org-nameless', name: {}, kind: 'sme' })).status).toBe(400);
    expect((await h.call(op, 'PUT', '/organisations/org-acme/members/bad%20subject')).status).toBe(400);
    expect((await h.call(expert, 'POST', '/organisations', { ...acme, organisationId: 'org-x' })).status).toBe(403);
    expect((await h.call(analyst, 'PUT', '/organisations/org-acme/members/eve')).status).toBe(403);
    expect((await h.call(op, 'PUT', '/organisations/org-unknown/members/eve')).status).toBe(404);
    expect(await streams('organisation-')).toBe(before);
  });

  it('members are added and removed idempotently; staff list organisations, members read their own', async () => {
    const added = await h.call(op, 'PUT', '/organisations/org-acme/members/carol');
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ organisationId: 'org-acme', subject: 'carol', role: 'enterprise' });
    expect((await h.call(op, 'PUT', '/organisations/org-acme/members/carol')).body).toEqual(added.body);
    const carol = await h.token('enterprise', 'carol', 'org-acme');
    const own = await h.call(carol, 'GET', '/organisations/org-acme');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ ...acme, members: [{ subject: 'carol', role: 'enterprise' }] });
    expect((await h.call(analyst, 'GET', '/organisations/org-acme')).status).toBe(200);
    expect((await h.call(op, 'GET', '/organisations/org-none')).status).toBe(404);
    const list = await h.call(analyst, 'GET', '/organisations?limit=100');
    expect(list.body.items.map((o: { organisationId: string }) => o.organisationId)).toContain('org-acme');
    expect((await h.call(carol, 'GET', '/organisations')).status).toBe(403);
    expect((await h.call(expert, 'GET', '/organisations/org-acme')).status).toBe(403);
    // A member of another organisation reads only its own.
    const dave = await h.enterprise('dave', 'org-rival');
    expect((await h.call(dave, 'GET', '/organisations/org-acme')).status).toBe(403);
    expect((await h.call(dave, 'GET', '/organisations/org-rival')).status).toBe(200);
  });

  it('an enterprise whose token names an organisation it is not a member of is refused 403, and nothing is written', async () => {
    await h.enterprise('erin', 'org-acme');
    const impostor = await h.token('enterprise', 'mallory', 'org-acme'); // never a member
    const outsider = await h.enterprise('oscar', 'org-rival');
    const claimsAcme = await h.token('enterprise', 'oscar', 'org-acme'); // a member, but of org-rival
    const erin = await h.token('enterprise', 'erin', 'org-acme');
    const id = (await h.call(erin, 'POST', '/demands', demandBody())).body.demandId as string;
    const before = await streams('demand-');
    for (const who of [impostor, claimsAcme]) {
      const refused = await h.call(who, 'POST', '/demands', demandBody());
      expect(refused.status).toBe(403);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('ORGANISATION.NOT_A_MEMBER');
      expect((await h.call(who, 'PATCH', `/demands/${id}`, { trl: 2 })).status).toBe(403);
      expect((await h.call(who, 'POST', `/demands/${id}/submission`)).status).toBe(403);
      expect((await h.call(who, 'GET', `/demands/${id}`)).status).toBe(403);
      expect((await h.call(who, 'GET', '/demands?mine=true')).status).toBe(403);
    }
    // Acting for its own organisation, the outsider still cannot touch org-acme's draft (404, as before).
    expect((await h.call(outsider, 'PATCH', `/demands/${id}`, { trl: 2 })).status).toBe(404);
    expect(await streams('demand-')).toBe(before);
  });

  it('a removed member loses access at once', async () => {
    const grace = await h.enterprise('grace', 'org-acme');
    const id = (await h.call(grace, 'POST', '/demands', demandBody())).body.demandId as string;
    expect((await h.call(grace, 'GET', `/demands/${id}`)).status).toBe(200);
    const removed = await h.call(op, 'DELETE', '/organisations/org-acme/members/grace');
    expect(removed.status).toBe(200);
    expect((await h.call(op, 'DELETE', '/organisations/org-acme/members/grace')).status).toBe(200);
    expect((await h.call(grace, 'GET', `/demands/${id}`)).status).toBe(403);
    expect((await h.call(grace, 'POST', `/demands/${id}/submission`)).status).toBe(403);
    expect((await h.call(grace, 'GET', '/organisations/org-acme')).status).toBe(403);
    expect((await h.call(op, 'GET', '/organisations/org-acme')).body.members.map((m: { subject: string }) => m.subject)).not.toContain('grace');
    // Another member of the organisation still reads the demand.
    expect((await h.call(await h.token('enterprise', 'erin', 'org-acme'), 'GET', `/demands/${id}`)).status).toBe(200);
  });
});
