import { createEventRegistry } from '@hope/contracts';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe('confidential demands over HTTP: invited experts only, after the NDA; every acceptance and opening audited', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let alice: string, bob: string, op: string, analyst: string, invitee: string, undecided: string, stranger: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    analyst = await h.token('analyst', 'an-1');
    invitee = await h.token('expert', 'x-1');
    stranger = await h.token('expert', 'x-9');
    undecided = await h.token('expert', 'x-3'); // invited, never accepts
  });
  afterAll(() => h.stop());

  it('nobody else reads it; the invitee reads it after accepting the NDA, and each opening is on the record', async () => {
    const id = (await h.call(alice, 'POST', '/demands', demandBody({ visibility: 'confidential', keywords: ['secret-battery'] }))).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${id}/submission`);
    await h.call(op, 'POST', `/demands/${id}/publication`);
    expect((await h.call(bob, 'POST', `/demands/${id}/invitations`, { expertIds: ['x-2'] })).status).toBe(404);
    expect((await h.call(alice, 'POST', `/demands/${id}/invitations`, { expertIds: [] })).status).toBe(400);
    expect((await h.call(alice, 'POST', `/demands/${id}/invitations`, { expertIds: ['x-1', 'x-3'] })).body).toEqual({ demandId: id, invited: ['x-1', 'x-3'], accepted: [] });

    // Before the NDA: the invitee, a stranger and another organisation all get 404 and never see it listed.
    for (const who of [invitee, stranger, bob]) {
      expect((await h.call(who, 'GET', `/demands/${id}`)).status).toBe(404);
      expect((await h.call(who, 'GET', '/demands?keyword=secret-battery')).body.items).toEqual([]);
    }
    expect((await h.call(invitee, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 't', body: 'b' })).status).toBe(404);
    expect((await h.call(stranger, 'GET', `/demands/${id}/nda`)).status).toBe(404);
    expect((await h.call(stranger, 'POST', `/demands/${id}/nda-acceptance`)).status).toBe(404);
    const nda = await h.call(invitee, 'GET', `/demands/${id}/nda`);
    expect(nda.body).toMatchObject({ demandId: id, ndaVersion: 'hope-standard-nda-v1', accepted: false, terms: expect.stringContaining('confidential') });

    expect((await h.call(invitee, 'POST', `/demands/${id}/nda-acceptance`)).body).toEqual({ demandId: id, ndaVersion: 'hope-standard-nda-v1', accepted: true });
    expect((await h.call(invitee, 'POST', `/demands/${id}/nda-acceptance`)).status).toBe(200); // once is enough; a repeat records nothing
    const event = await h.published1('NdaAccepted', (e) => (e.data as { demandId: string }).demandId === id);
    expect(event.data).toEqual({ demandId: id, organisationId: 'org-haier', expertId: 'x-1', ndaVersion: 'hope-standard-nda-v1', acceptedAt: expect.any(String) });
    expect(createEventRegistry().upcast(event).data).toEqual(event.data);

    // Listed to the invitee who accepted, in browse and search; never to an invitee who did not accept,
    // a stranger or another organisation.
    const listed = async (who: string, query: string) => (await h.call(who, 'GET', `/demands?${query}`)).body.items.map((d: { demandId: string }) => d.demandId);
    expect(await listed(invitee, 'keyword=secret-battery')).toEqual([id]);
    expect(await listed(invitee, 'limit=100')).toContain(id);
    for (const who of [undecided, stranger, bob]) {
      expect(await listed(who, 'keyword=secret-battery')).toEqual([]);
      expect(await listed(who, 'limit=100')).not.toContain(id);
    }
    expect((await h.call(invitee, 'GET', `/demands/${id}`)).body).toMatchObject({ demandId: id, visibility: 'confidential' });
    expect((await h.call(invitee, 'GET', `/demands/${id}`)).status).toBe(200);
    expect((await h.call(invitee, 'POST', `/demands/${id}/proposals`, { kind: 'plan', title: 'Solid-state cell', body: 'b' })).status).toBe(201);
    expect((await h.call(stranger, 'GET', `/demands/${id}`)).status).toBe(404); // still

    // The audit trail: staff and the seeking organisation; not experts, not other organisations.
    const trail = await h.call(op, 'GET', `/demands/${id}/audit`);
    expect(trail.body.items.map((e: { type: string }) => e.type)).toEqual(['ExpertsInvited', 'NdaAccepted', 'ConfidentialDetailsOpened', 'ConfidentialDetailsOpened']);
    expect(trail.body.items[2].data).toMatchObject({ expertId: 'x-1' });
    expect((await h.call(analyst, 'GET', `/demands/${id}/audit`)).status).toBe(200);
    expect((await h.call(alice, 'GET', `/demands/${id}/audit`)).status).toBe(200);
    expect((await h.call(bob, 'GET', `/demands/${id}/audit`)).status).toBe(404);
    expect((await h.call(invitee, 'GET', `/demands/${id}/audit`)).status).toBe(403);
    // Openings are the demand service's record only; the topic carries no confidential detail.
    expect(h.published.some((e) => e.type === 'ConfidentialDetailsOpened' || e.type === 'ExpertsInvited')).toBe(false);
  });

  it('a public demand takes no invitations', async () => {
    const id = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    expect((await h.call(alice, 'POST', `/demands/${id}/invitations`, { expertIds: ['x-1'] })).status).toBe(422);
  });
});
