import Database from 'better-sqlite3';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { eventually, expertWho, operator, startMatching } from './matching-test-kit';

/** Crypto-shredding over HTTP: personal fields never reach the events in clear; forgetting deletes the key; read models, search, exports and rankings show the expert erased, also after a rebuild. */
describe('matching: personal data and the right to be forgotten', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const alice = expertWho('alice');
  const personal = {
    name: 'Alice Zhang',
    email: 'alice.zhang@example.cn',
    bio: { en: 'Born in Qingdao, twenty years at Haier' },
    employers: [{ employer: 'Haier', organisationId: 'org-haier', from: '2005-01' }],
    publications: ['Patent CN123456: a quiet compressor'],
  };

  beforeEach(async () => {
    m = await startMatching('hope-matching-erasure-');
    await m.memberships([{ organisationId: 'org-haier', subject: 'buyer' }]);
    await m.join('alice', { ...personal, expertise: { en: 'inverter compressor noise reduction' }, domains: ['hvac'], skills: [{ name: 'noise reduction', lastPractised: 2025 }] });
    await m.join('bob', { expertise: { en: 'compressor control' } });
  });
  afterEach(() => m.stop());

  const rankedIds = async () => ((await m.call('POST', '/rankings', operator, { text: 'compressor noise' })).body.matches as { expertId: string }[]).map((x) => x.expertId);

  it('personal fields are sealed in the events; forgetting deletes the key and every view shows the expert erased, also after a rebuild', async () => {
    const raw = JSON.stringify((await collect(m.platform.stores.get('matching')!.readStream('expert-alice'))).map((e) => [e.data, e.metadata]));
    for (const secret of ['Alice Zhang', 'alice.zhang@example.cn', 'Qingdao', 'CN123456', 'Haier']) expect(raw).not.toContain(secret);
    expect((await m.call('GET', '/experts/alice', operator)).body.profile).toMatchObject(personal);
    expect((await m.call('GET', '/experts/alice/personal-data', alice)).body).toMatchObject({ exportedFor: 'alice', erased: false, profile: personal });
    expect((await m.call('GET', '/experts/alice/personal-data', expertWho('bob'))).status).toBe(403);
    expect(await rankedIds()).toContain('alice');
    // The employer is sealed, yet the conflict filter still sees it (the index opens the profile).
    expect((await m.call('POST', '/rankings', { sub: 'buyer', role: 'enterprise', org: 'org-haier' }, { text: 'compressor noise' })).body.excluded).toEqual([
      { expertId: 'alice', reason: 'same-current-employer' },
    ]);

    expect((await m.call('DELETE', '/experts/alice/personal-data', expertWho('bob'))).status).toBe(403);
    const forgotten = await m.call('DELETE', '/experts/alice/personal-data', alice);
    expect(forgotten.status).toBe(200);
    expect(forgotten.body).toMatchObject({ expertId: 'alice', erased: true, profile: { name: '(erased)' }, restrictions: [] });
    expect(forgotten.body.profile).toEqual({ name: '(erased)' });

    const keys = new Database(join(m.dir, 'matching.keys.sqlite'), { readonly: true });
    expect(keys.prepare('SELECT expert_id FROM expert_keys ORDER BY expert_id').all()).toEqual([{ expert_id: 'bob' }]);
    keys.close();

    const erasedEverywhere = async () => {
      expect((await m.call('GET', '/experts/alice', operator)).body).toMatchObject({ erased: true, profile: { name: '(erased)' } });
      expect((await m.call('GET', '/experts/alice/personal-data', operator)).body).toMatchObject({ erased: true, profile: { name: '(erased)' } });
      expect((await m.call('GET', '/experts?domain=hvac', operator)).body.items).toEqual([]);
      expect((await m.call('GET', '/experts', operator)).body.items.find((x: { expertId: string }) => x.expertId === 'alice')).toMatchObject({ erased: true });
      expect(await rankedIds()).toEqual(['bob']);
    };
    await erasedEverywhere();

    // The events are untouched (immutable), still sealed, now unreadable.
    const events = await collect(m.platform.stores.get('matching')!.readStream('expert-alice'));
    expect(events.map((e) => e.type)).toEqual(['ExpertJoined', 'ExpertForgotten']);
    expect(JSON.stringify(events[0]!.data)).toContain('"alg":"A256GCM"');

    // Rebuilt from those events, the registry (and the ranking index behind it) still shows alice erased.
    const runner = m.platform.services.get('matching')!.projections;
    await runner.rebuild('registry');
    const last = (await collect(m.platform.stores.get('matching')!.readAll({ direction: 'backwards', maxCount: 1 })))[0]!;
    await runner.waitFor(last.position);
    await eventually(erasedEverywhere);

    // Nothing more is recorded for a forgotten expert; forgetting again is harmless.
    expect((await m.call('PATCH', '/experts/alice', alice, { region: 'x' })).body.code).toBe('EXPERT.FORGOTTEN');
    expect((await m.join('alice', { name: 'Alice again' })).status).toBe(409);
    expect((await m.call('DELETE', '/experts/alice/personal-data', operator)).body).toMatchObject({ erased: true });
  });
});
