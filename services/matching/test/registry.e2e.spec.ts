import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics, decodeEnvelope, type EventEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { matchingService } from '@hope/matching';
import { keptText } from './matching-test-kit';

const eventually = async (check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

/** The expert registry over HTTP in embedded mode: tenancy, certification, invitations, and what reaches the topic. */
describe('matching: expert registry over HTTP', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let published: EventEnvelope[];
  let stopReader: () => Promise<void>;
  const tokens = new Map<string, string>();

  const url = () => platform.services.get('matching')!.url;
  const as = async (sub: string, role: 'expert' | 'operator' | 'enterprise' = 'expert') => {
    const key = `${role}:${sub}`;
    if (!tokens.has(key)) tokens.set(key, await platform.devIssuer.issue({ sub, role, ...(role === 'enterprise' ? { org: 'org-x' } : {}) }));
    return tokens.get(key)!;
  };
  const call = async (method: string, path: string, who: string, body?: unknown, role?: 'expert' | 'operator' | 'enterprise') => {
    const r = await fetch(`${url()}${path}`, {
      method,
      headers: { authorization: `Bearer ${await as(who, role)}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await keptText(method, path, r);
    return { status: r.status, type: r.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { errors?: { field: string }[] } };
  };
  const join = (who: string, extra: Record<string, unknown> = {}) => call('POST', '/experts', who, { name: `Expert ${who}`, ...extra });
  const invite = async (inviter: string) => (await call('POST', '/invitations', inviter, {})).body.code as string;
  const topicOf = (type: string) => published.filter((e) => e.type === type);

  beforeEach(async () => {
    tokens.clear(); // each platform has its own dev issuer
    dir = mkdtempSync(joinPath(tmpdir(), 'hope-matching-'));
    platform = await startEmbeddedPlatform({ services: [matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise caller is a member.
    await grantMemberships(platform, [{ organisationId: 'org-x', subject: 'acme' }]);
    published = [];
    const reader = await platform.bus.consume({
      groupId: `test-${randomUUID()}`,
      topics: [Topics.matching],
      handler: async (m) => void published.push(decodeEnvelope(m.value)),
    });
    stopReader = () => reader.stop();
  });
  afterEach(async () => {
    await stopReader();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an expert joins, edits their own profile and reads it back; another expert may not edit it; an operator may', async () => {
    const joined = await join('alice', { expertise: { zh: '变频压缩机', en: 'inverter compressors' }, skills: [{ name: 'motor control', lastPractised: 2024 }] });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ expertId: 'alice', tier: 'interest', profile: { name: 'Expert alice', expertise: { zh: '变频压缩机' } } });

    const edited = await call('PATCH', '/experts/alice', 'alice', { region: 'Qingdao', domains: ['hvac'] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ profile: { region: 'Qingdao', domains: ['hvac'], skills: [{ name: 'motor control', lastPractised: 2024 }] } });

    const intruder = await call('PATCH', '/experts/alice', 'mallory', { region: 'elsewhere' });
    expect(intruder.status).toBe(403);
    const enterprise = await call('PATCH', '/experts/alice', 'acme', { region: 'elsewhere' }, 'enterprise');
    expect(enterprise.status).toBe(403);
    expect((await call('PATCH', '/experts/alice', 'op', { availability: 'limited' }, 'operator')).body).toMatchObject({ profile: { region: 'Qingdao', availability: 'limited' } });

    expect((await call('GET', '/experts/alice', 'acme', undefined, 'enterprise')).body).toMatchObject({ expertId: 'alice', profile: { availability: 'limited' } });
    expect((await call('GET', '/experts/nobody', 'alice')).status).toBe(404);
  });

  it('bad input is 400 problem+json naming each field, and nothing is written', async () => {
    await join('alice');
    const bad = await call('PATCH', '/experts/alice', 'alice', { skills: [{ name: 'x', lastPractised: 'soon' }], rate: { amount: -1, currency: 'yuan', per: 'hour' }, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['colour', 'rate.amount', 'rate.currency', 'skills.0.lastPractised']);
    // A rule the DTO cannot see (a year in the future) is the decider's, and also names its field.
    const future = await call('PATCH', '/experts/alice', 'alice', { skills: [{ name: 'x', lastPractised: 2999 }] });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'skills.0.lastPractised' })]);
    expect((await join('bob', { name: '' })).body.errors!.map((e) => e.field)).toEqual(['name']);
    const events = await collect(platform.stores.get('matching')!.readAll({ filter: { streamPrefixes: ['expert-'] } }));
    expect(events.map((e) => e.type)).toEqual(['ExpertJoined']);
  });

  it('certification: apply as core, operator reviews and certifies; ExpertCertified reaches the topic; a refusal keeps its reason', async () => {
    await join('alice');
    await join('bob');
    expect((await call('POST', '/experts/alice/certification/application', 'alice', {})).status).toBe(422); // not core yet
    expect((await call('POST', '/experts/alice/promotion', 'alice')).status).toBe(403); // experts do not promote
    for (const who of ['alice', 'bob']) expect((await call('POST', `/experts/${who}/promotion`, 'op', undefined, 'operator')).body).toMatchObject({ tier: 'core' });
    expect((await call('POST', '/experts/alice/certification/application', 'bob', {})).status).toBe(403); // not bob's
    for (const who of ['alice', 'bob']) {
      expect((await call('POST', `/experts/${who}/certification/application`, who, { motivation: 'patents' })).body).toMatchObject({ certification: { status: 'applied' } });
      expect((await call('POST', `/experts/${who}/certification/review`, 'op', undefined, 'operator')).body).toMatchObject({ certification: { status: 'in-review' } });
    }
    expect((await call('POST', '/experts/alice/certification/decision', 'op', { decision: 'certify' }, 'operator')).body).toMatchObject({ tier: 'certified' });
    const noReason = await call('POST', '/experts/bob/certification/decision', 'op', { decision: 'refuse' }, 'operator');
    expect(noReason.body.errors!.map((e) => e.field)).toEqual(['reason']);
    expect((await call('POST', '/experts/bob/certification/decision', 'op', { decision: 'refuse', reason: 'no track record yet' }, 'operator')).body).toMatchObject({
      tier: 'core',
      certification: { status: 'refused', refusedReason: 'no track record yet' },
    });
    await eventually(() => expect(topicOf('ExpertCertified').map((e) => e.data)).toEqual([{ expertId: 'alice', by: 'op', certifiedAt: expect.any(String) }]));
    expect(topicOf('ExpertJoined')).toHaveLength(2);
    expect(published.map((e) => e.type)).not.toContain('CertificationRefused'); // internal
  });

  it('invitations: ExpertJoined carries the inviter; a self-invite and an invite ring are recorded as InvitationFraudDetected', async () => {
    await join('alice', { email: 'alice@x.cn' });
    expect((await call('POST', '/invitations', 'alice', { inviteeEmail: 'ALICE@x.cn' })).status).toBe(422);
    // A code in the body that names no invitation: the join is refused as its bad field (422), not a missing resource (404); nothing recorded.
    const unknown = await join('bob', { invitationCode: '6f1c1c33-7d5e-4b8e-9d1a-3f0a3c2f1b10' });
    expect({ status: unknown.status, type: unknown.type, code: unknown.body.code, errors: unknown.body.errors }).toEqual({
      status: 422, type: expect.stringContaining('application/problem+json'), code: 'INVITATION.UNKNOWN_CODE', errors: [{ field: 'invitationCode', reason: expect.any(String) }],
    });
    expect((await call('GET', '/experts/bob', 'op', undefined, 'operator')).status).toBe(404);
    // In the path the code names the resource: an unknown one is 404.
    expect((await call('POST', '/invitations/6f1c1c33-7d5e-4b8e-9d1a-3f0a3c2f1b10/acceptance', 'alice')).body).toMatchObject({ status: 404, code: 'INVITATION.NOT_FOUND' });
    const forBob = await invite('alice');
    await join('bob', { invitationCode: forBob });
    await eventually(() => expect(topicOf('ExpertJoined').find((e) => (e.data as { expertId: string }).expertId === 'bob')?.data).toEqual({
      expertId: 'bob', inviterId: 'alice', invitationId: forBob, joinedAt: expect.any(String),
    }));
    expect(JSON.stringify(topicOf('ExpertJoined'))).not.toContain('alice@x.cn'); // the profile stays private

    // Alice redeems her own code: recorded, not credited.
    const own = await invite('alice');
    expect((await call('POST', `/invitations/${own}/acceptance`, 'alice')).body).toMatchObject({ fraud: 'self-invite' });

    // Bob invites Alice back and she redeems it: the ring is recorded, and the invitation that earned alice points is flagged.
    const back = await invite('bob');
    expect((await call('POST', `/invitations/${back}/acceptance`, 'alice')).body).toMatchObject({ fraud: 'invite-ring' });
    expect((await call('GET', `/invitations/${forBob}`, 'op', undefined, 'operator')).body).toMatchObject({ inviteeId: 'bob', fraud: 'invite-ring' });
    expect((await call('GET', `/invitations/${forBob}`, 'mallory')).status).toBe(404);
    await eventually(() =>
      expect(topicOf('InvitationFraudDetected').map((e) => e.data as { invitationId: string; pattern: string }).map((d) => [d.invitationId, d.pattern]).sort()).toEqual(
        [[own, 'self-invite'], [back, 'invite-ring'], [forBob, 'invite-ring']].sort(),
      ),
    );
  });

  it('search filters by text, domain, skill and tier with cursor paging; the registry rebuilt from events equals the live one', async () => {
    await join('a1', { domains: ['HVAC'], skills: [{ name: 'Motor control', lastPractised: 2020 }], expertise: { zh: '压缩机降噪' } });
    await join('a2', { domains: ['materials'], expertise: { en: 'polymer foams' } });
    await join('a3', { domains: ['hvac'] });
    await call('POST', '/experts/a3/promotion', 'op', undefined, 'operator');
    const ids = async (q: string) => ((await call('GET', `/experts?${q}`, 'op', undefined, 'operator')).body.items as { expertId: string }[]).map((i) => i.expertId);
    expect(await ids('domain=hvac')).toEqual(['a1', 'a3']);
    expect(await ids('skill=motor%20control')).toEqual(['a1']);
    expect(await ids(`q=${encodeURIComponent('降噪')}`)).toEqual(['a1']);
    expect(await ids('tier=core')).toEqual(['a3']);
    const page = await call('GET', '/experts?limit=2', 'op', undefined, 'operator');
    expect((page.body.items as { expertId: string }[]).map((i) => i.expertId)).toEqual(['a1', 'a2']);
    expect(await ids(`limit=2&cursor=${page.body.nextCursor as string}`)).toEqual(['a3']);
    // A raw id is no cursor: the list's cursors are tagged (decision 0057).
    expect((await call('GET', '/experts?limit=2&cursor=a2', 'op', undefined, 'operator')).body).toMatchObject({ code: 'PAGING.BAD_CURSOR', errors: [{ field: 'cursor' }] });
    expect((await call('GET', '/experts?limit=500', 'op', undefined, 'operator')).body.errors!.map((e) => e.field)).toEqual(['limit']);

    const runner = platform.services.get('matching')!.projections;
    const live = runner.checksum('registry');
    await runner.rebuild('registry');
    const last = (await collect(platform.stores.get('matching')!.readAll({ direction: 'backwards', maxCount: 1 })))[0]!;
    await runner.waitFor(last.position);
    expect(runner.checksum('registry')).toBe(live);
  });
});
