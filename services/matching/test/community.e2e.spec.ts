import { Topics, newEnvelope } from '@hope/contracts';
import { toMessage } from '@hope/messaging';
import { eventually, expertWho, operator, startMatching, type Body, type Who } from './matching-test-kit';

/** Experts who join later are matched with open demands; owners see and invite their matches; each expert has an inbox. */
describe('matching: re-matching, the owner\'s matches, the expert inbox (over HTTP)', () => {
  jest.setTimeout(90_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const buyer: Who = { sub: 'buyer', role: 'enterprise', org: 'org-x' };
  const rival: Who = { sub: 'rival', role: 'enterprise', org: 'org-y' };
  const now = () => new Date().toISOString();
  const demand = (demandId: string, extra: Record<string, unknown> = {}) => ({
    demandId, organisationId: 'org-x', title: { en: 'inverter compressor noise' }, description: {}, domain: 'hvac', keywords: ['motor control'], capabilities: [], subProblems: [], visibility: 'public', publishedAt: now(), ...extra,
  });
  const skilled = (extra: Record<string, unknown> = {}) => ({ expertise: { en: 'compressor noise and motor control' }, domains: ['hvac'], skills: [{ name: 'motor control', lastPractised: 2025 }], ...extra });
  const matchedIds = async (demandId: string): Promise<string[]> => ((await m.call('GET', `/demands/${demandId}/matches`, operator)).body?.matches ?? []).map((x: { expertId: string }) => x.expertId);
  const inbox = async (who: Who, query = ''): Promise<Body> => (await m.call('GET', `/me/inbox${query}`, who)).body;

  beforeEach(async () => {
    m = await startMatching('hope-matching-community-');
    await m.memberships([{ organisationId: 'org-x', subject: 'buyer' }, { organisationId: 'org-y', subject: 'rival' }]);
  });
  afterEach(() => m.stop());

  it('an expert who joins after a demand was published is matched with it and invited; a closed demand is not re-matched', async () => {
    await m.publishDemandEvent('DemandPublished', 3, demand('d-open'));
    await m.publishDemandEvent('DemandPublished', 3, demand('d-closed'));
    await m.publishDemandEvent('DemandClosed', 1, { demandId: 'd-closed', organisationId: 'org-x', outcome: 'not-awarded', adoptedProposalIds: [], closedAt: now() });
    await eventually(async () => expect((await m.call('GET', '/demands/d-open/matches', operator)).status).toBe(200));
    expect(await matchedIds('d-open')).toEqual([]);
    // Let the close be recorded before anyone joins.
    await eventually(async () => expect((await m.platform.stores.get('matching')!.readStream('matches-d-closed')[Symbol.asyncIterator]().next()).done).toBe(false));
    await new Promise((r) => setTimeout(r, 500));

    expect((await m.join('late', skilled())).status).toBe(201);
    await eventually(async () => expect(await matchedIds('d-open')).toEqual(['late']), 20_000);
    await eventually(async () => expect((await inbox(expertWho('late'))).items).toEqual([expect.objectContaining({ kind: 'matched-invitation', demandId: 'd-open' })]));
    expect(await matchedIds('d-closed')).toEqual([]);
    // An unrelated expert changes nothing; a profile change that makes one relevant does.
    expect((await m.join('other', { expertise: { en: 'textile dyeing' }, domains: ['textiles'] })).status).toBe(201);
    expect((await m.call('PATCH', '/experts/other', expertWho('other'), { skills: [{ name: 'motor control', lastPractised: 2025 }], domains: ['hvac'], expertise: { en: 'compressor motor control' } })).status).toBe(200);
    await eventually(async () => expect((await matchedIds('d-open')).sort()).toEqual(['late', 'other']), 20_000);
    // Invited once each, whatever the job re-ran. The invitations reach the bus through the relay, after
    // the read model that lists the matches: wait for them.
    const invited = () => m.published.filter((e) => e.type === 'MatchedExpertsInvited' && (e.data as { demandId: string }).demandId === 'd-open').flatMap((e) => (e.data as { expertIds: string[] }).expertIds);
    await eventually(async () => expect(invited().sort()).toEqual(['late', 'other']), 20_000);
  });

  it("the owning organisation's members and staff read the matches with explanations; others are refused; the owner invites matched experts only", async () => {
    await m.join('ann', skilled());
    await m.publishDemandEvent('DemandPublished', 3, demand('d-own'));
    await eventually(async () => expect(await matchedIds('d-own')).toEqual(['ann']));

    const seen = await m.call('GET', '/demands/d-own/matches', buyer);
    expect(seen.status).toBe(200);
    expect(seen.body.matches[0]).toMatchObject({ expertId: 'ann', explanation: { matchedSkills: [expect.objectContaining({ name: 'motor control' })] } });
    for (const who of [rival, expertWho('ann'), { sub: 'buyer', role: 'enterprise', org: 'org-y' } as Who]) expect((await m.call('GET', '/demands/d-own/matches', who)).status).toBe(403);
    expect((await m.call('GET', '/demands/d-own/matches', { sub: 'bi', role: 'analyst' })).status).toBe(200);

    const first = await m.call('POST', '/demands/d-own/matched-invitations', buyer, { expertId: 'ann' });
    expect(first).toMatchObject({ status: 200, body: { newlyInvited: true } });
    expect((await m.call('POST', '/demands/d-own/matched-invitations', buyer, { expertId: 'ann' })).body.newlyInvited).toBe(false);
    const stranger = await m.call('POST', '/demands/d-own/matched-invitations', buyer, { expertId: 'bob' });
    expect(stranger.status).toBe(422);
    expect(stranger.body.code).toBe('MATCHES.NOT_MATCHED');
    expect((await m.call('POST', '/demands/d-own/matched-invitations', rival, { expertId: 'ann' })).status).toBe(403);
    expect((await m.call('POST', '/demands/d-own/matched-invitations', buyer, { expertId: '../x' })).status).toBe(400);
    await eventually(async () => expect((await inbox(expertWho('ann'))).items.map((i: { kind: string }) => i.kind)).toEqual(['enterprise-invitation', 'matched-invitation']));
  });

  it("an expert's inbox: interview requests from consulting, read state, unread count; nobody reads or marks another's (confidential invitations: the projection spec)", async () => {
    await m.join('cat', skilled());
    await m.call('POST', '/experts/cat/promotion', operator);
    await m.platform.bus.publish(Topics.consulting, [
      toMessage(newEnvelope({ type: 'InterviewRequested', version: 1, stream: 'interview-i1', occurredAt: new Date(), data: { interviewId: 'i1', expertId: 'cat', organisationId: 'org-x', topic: 'compressor noise', durationMinutes: 60, payment: 'points', requestedAt: now(), expiresAt: now() } })),
    ]);
    await eventually(async () => expect((await inbox(expertWho('cat'))).items.map((i: { kind: string }) => i.kind)).toEqual(['interview-request']));
    const page = await inbox(expertWho('cat'));
    expect(page.unread).toBe(1);
    expect(page.items[0].detail).toMatchObject({ interviewId: 'i1', organisationId: 'org-x', topic: 'compressor noise' });

    const itemId = page.items[0].id as string;
    expect((await m.call('POST', `/me/inbox/${itemId}/read`, expertWho('mallory'))).status).toBe(404);
    expect((await inbox(expertWho('mallory'))).items).toEqual([]);
    const read = await m.call('POST', `/me/inbox/${itemId}/read`, expertWho('cat'));
    expect(read).toMatchObject({ status: 200, body: { id: itemId, readAt: expect.any(String) } });
    expect((await m.call('POST', `/me/inbox/${itemId}/read`, expertWho('cat'))).body.readAt).toBe(read.body.readAt);
    expect((await inbox(expertWho('cat'))).unread).toBe(0);
    expect((await m.call('POST', '/me/inbox/not-an-id/read', expertWho('cat'))).status).toBe(400);
    expect((await m.call('GET', '/me/inbox?limit=0', expertWho('cat'))).status).toBe(400);
    expect((await m.call('GET', '/me/inbox', operator)).status).toBe(403);
  });
});
