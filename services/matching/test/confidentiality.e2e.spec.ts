import { eventually, expertWho, keptText, operator, startMatching, type Who } from './matching-test-kit';

/** What others may learn here: public profile fields only, nothing of a forgotten expert, confidential demands opened only by their experts, ids that are ids. */
describe('matching: confidentiality over HTTP', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const personal = { name: 'Alice Zhang', email: 'alice.zhang@example.cn', bio: { en: 'twenty years at Haier' }, employers: [{ employer: 'Haier', organisationId: 'org-haier', from: '2005-01' }] };
  const alice = expertWho('alice');
  const enterprise: Who = { sub: 'buyer', role: 'enterprise', org: 'org-x' };

  beforeEach(async () => {
    m = await startMatching('hope-matching-confidentiality-');
    // Tenancy rests on membership demand publishes: the buyer is a member of org-x.
    await m.memberships([{ organisationId: 'org-x', subject: 'buyer' }]);
  });
  afterEach(() => m.stop());

  const joinWithKey = async (who: Who, key: string, body: unknown) => {
    const token = await m.platform.devIssuer.issue(who);
    const r = await fetch(`${m.platform.services.get('matching')!.url}/experts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    return { status: r.status, text: await keptText('POST', '/experts', r) };
  };

  it("others see an expert's public fields only; the expert and operators see everything", async () => {
    await m.join('alice', { ...personal, expertise: { en: 'compressor noise' }, region: 'Qingdao' });
    for (const who of [enterprise, expertWho('bob'), { sub: 'bi', role: 'analyst' } as Who]) {
      const seen = await m.call('GET', '/experts/alice', who);
      expect(seen.status).toBe(200);
      expect(seen.body.profile).toEqual({ expertise: { en: 'compressor noise' }, region: 'Qingdao' });
      expect(JSON.stringify(seen.body)).not.toMatch(/Alice Zhang|alice\.zhang|Haier|org-haier/);
      const found = await m.call('GET', '/experts?q=compressor', who);
      expect(found.body.items.map((x: { expertId: string }) => x.expertId)).toEqual(['alice']);
      expect(JSON.stringify(found.body)).not.toMatch(/Alice Zhang|alice\.zhang|Haier|org-haier/);
    }
    for (const who of [alice, operator]) expect((await m.call('GET', '/experts/alice', who)).body.profile).toMatchObject(personal);
  });

  it('after forget, replaying the join with its Idempotency-Key returns nothing of the profile', async () => {
    const first = await joinWithKey(alice, 'join-alice-1', { ...personal, expertise: { en: 'compressor noise' } });
    expect(first.status).toBe(201);
    expect(first.text).toContain('alice.zhang@example.cn');
    expect((await joinWithKey(alice, 'join-alice-1', { ...personal, expertise: { en: 'compressor noise' } })).text).toContain('alice.zhang@example.cn'); // replayed before
    expect((await m.call('DELETE', '/experts/alice/personal-data', alice)).status).toBe(200);
    const replay = await joinWithKey(alice, 'join-alice-1', { ...personal, expertise: { en: 'compressor noise' } });
    expect(replay.status).toBeLessThan(500);
    expect(replay.text).not.toMatch(/Alice Zhang|alice\.zhang|Haier/);
  });

  it('a confidential demand is opened (viewed) only by experts invited to it or who accepted its NDA', async () => {
    const now = new Date().toISOString();
    await m.publishDemandEvent('DemandPublished', 3, {
      demandId: 'd-secret', organisationId: 'org-x', title: { en: 'secret compressor' }, description: {}, domain: 'hvac', keywords: [], capabilities: [], subProblems: [], visibility: 'confidential', publishedAt: now,
    });
    await eventually(() => expect(m.published.some((e) => e.type === 'ExpertsMatched' && (e.data as { demandId: string }).demandId === 'd-secret')).toBe(true));
    const stranger = await m.call('POST', '/demands/d-secret/views', expertWho('mallory'));
    expect(stranger.status).toBe(404);
    expect((await m.call('GET', '/demands/d-secret/funnel', operator)).body.counts.viewed).toBe(0);

    await m.publishDemandEvent('NdaAccepted', 1, { demandId: 'd-secret', organisationId: 'org-x', expertId: 'carol', ndaVersion: 'v1', acceptedAt: now });
    await eventually(async () => expect((await m.call('POST', '/demands/d-secret/views', expertWho('carol'))).status).toBe(200));
  });

  it('a refusal says what was refused, not a text copied from another endpoint', async () => {
    await m.join('alice', { expertise: { en: 'compressor noise' } });
    const terms = await m.call('POST', '/experts/alice/terms-acceptance', expertWho('bob'), { version: 'v1' });
    expect(terms.status).toBe(403);
    expect(terms.body.detail).toMatch(/accept the terms/);
    expect(terms.body.detail).not.toMatch(/certification/);
    const read = await m.call('GET', '/experts/alice/personal-data', expertWho('bob'));
    expect(read.status).toBe(403);
    expect(read.body.detail).toMatch(/export the personal data of expert alice/);
    expect(read.body.detail).not.toMatch(/change/);
  });

  it('path ids are checked before they name a stream: 400 naming the field', async () => {
    for (const [path, field] of [
      ['/demands/..%2F..%2Fetc%2Fpasswd/views', 'demandId'],
      ['/demands/..%2Fx/matches', 'demandId'],
      ['/experts/.env', 'expertId'],
      ['/experts/..%2Fadmin', 'expertId'],
    ] as const) {
      const r = await m.call(path.endsWith('views') ? 'POST' : 'GET', path, path.endsWith('views') ? expertWho('mallory') : operator);
      expect([path, r.status]).toEqual([path, 400]);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});
