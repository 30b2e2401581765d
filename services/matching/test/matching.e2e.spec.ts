import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { randomUUID } from 'node:crypto';
import { matchingClient } from '@hope/client';
import { contractChecked } from '@hope/client/testing';
import { keptText } from './matching-test-kit';
import { Topics, decodeEnvelope, newEnvelope, type EventEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { toMessage } from '@hope/messaging';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { matchingService } from '@hope/matching';

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

type Role = 'expert' | 'operator' | 'enterprise';

/** The matching engine over HTTP and the bus: ad-hoc rankings, and DemandPublished -> ExpertsMatched. */
describe('matching: ranking experts', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let published: EventEnvelope[];
  let stopReader: () => Promise<void>;

  const call = async (method: string, path: string, who: { sub: string; role: Role; org?: string }, body?: unknown) => {
    const token = await platform.devIssuer.issue(who);
    const r = await fetch(`${platform.services.get('matching')!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: JSON.parse(await keptText(method, path, r)) as Record<string, unknown> & { matches: { expertId: string; explanation: { matchedSkills: { name: string }[] } }[]; excluded: unknown[] } };
  };
  const join = (sub: string, profile: Record<string, unknown>) => call('POST', '/experts', { sub, role: 'expert' }, { name: sub, ...profile });
  const haier = { sub: 'buyer', role: 'enterprise' as const, org: 'org-haier' };
  /** Matching's generated client (libs/client) as this caller: the published contract is the one tested. */
  const typed = (who: { sub: string; role: Role; org?: string }) => contractChecked('matching', matchingClient({ baseUrl: platform.services.get('matching')!.url, token: () => platform.devIssuer.issue(who) }));

  beforeEach(async () => {
    dir = mkdtempSync(joinPath(tmpdir(), 'hope-matching-rank-'));
    platform = await startEmbeddedPlatform({ services: [matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    // Tenancy rests on membership demand publishes; this test's enterprise caller is a member.
    await grantMemberships(platform, [{ organisationId: 'org-haier', subject: 'buyer' }]);
    published = [];
    const reader = await platform.bus.consume({ groupId: `test-${randomUUID()}`, topics: [Topics.matching], handler: async (m) => void published.push(decodeEnvelope(m.value)) });
    stopReader = () => reader.stop();
    await join('zh-expert', {
      expertise: { zh: '变频压缩机电机控制' },
      skills: [{ name: '电机控制', lastPractised: 2025 }],
      employers: [{ employer: '海尔', organisationId: 'org-haier', from: '2015-01' }],
    });
    await join('en-expert', { expertise: { en: 'inverter compressor motor control' }, skills: [{ name: 'motor control', lastPractised: 2024 }] });
    await join('foam-expert', { expertise: { en: 'polymer foams' } });
  });
  afterEach(async () => {
    await stopReader();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks for any text with explanations; an enterprise never gets its own employees; a profile change shows in the next ranking (through the generated client)', async () => {
    const asOperator = await typed({ sub: 'op', role: 'operator' }).POST('/rankings', { body: { text: '压缩机电机控制' } });
    expect(asOperator.response.status).toBe(200);
    expect(asOperator.data!.matches.map((m) => m.expertId).sort()).toEqual(['en-expert', 'zh-expert']);
    expect(asOperator.data!.matches[0]!.explanation.matchedSkills).toHaveLength(1);

    const buyer = typed(haier);
    const asHaier = await buyer.POST('/rankings', { body: { text: '压缩机电机控制', ownerOrganisationId: 'someone-else' } });
    expect(asHaier.data!.matches.map((m) => m.expertId)).toEqual(['en-expert']);
    expect(asHaier.data!.excluded).toEqual([{ expertId: 'zh-expert', reason: 'same-current-employer' }]);

    await typed({ sub: 'foam-expert', role: 'expert' }).PATCH('/experts/{expertId}', { params: { path: { expertId: 'foam-expert' } }, body: { skills: [{ name: 'compressor', lastPractised: 2026 }] } });
    const after = await buyer.POST('/rankings', { body: { text: '压缩机' } });
    expect(after.data!.matches.map((m) => m.expertId)).toContain('foam-expert');

    // Outside the contract on purpose: the types would not let this body be written.
    const bad = await buyer.POST('/rankings', { body: { text: '', limit: 1000, confidentiality: 'secret' } as never });
    expect(bad.response.status).toBe(400);
    expect((bad.error?.errors ?? []).map((e) => e.field).sort()).toEqual(['confidentiality', 'limit', 'text']);
  });

  it('on DemandPublished it records ExpertsMatched once (even when redelivered), publishes it, and explains it', async () => {
    const demand = newEnvelope({
      type: 'DemandPublished',
      version: 2,
      stream: 'demand-d1',
      occurredAt: new Date(),
      data: { demandId: 'd1', organisationId: 'org-haier', title: { zh: '变频压缩机降噪' }, domain: 'hvac', keywords: ['motor control'], publishedAt: new Date().toISOString() },
    });
    // A marker demand with the same key follows the duplicate on its partition: once it is matched, so is the duplicate.
    const marker = newEnvelope({ type: demand.type, version: 2, stream: demand.stream, occurredAt: new Date(), data: { ...demand.data, demandId: 'd2' } });
    await platform.bus.publish(Topics.demand, [toMessage(demand), toMessage(demand), toMessage(marker)]);
    await eventually(() => expect(published.filter((e) => e.type === 'ExpertsMatched').map((e) => (e.data as { demandId: string }).demandId)).toContain('d2'));
    const [matched, ...more] = published.filter((e) => e.type === 'ExpertsMatched' && (e.data as { demandId: string }).demandId === 'd1');
    expect(more).toEqual([]);
    expect(matched!.data).toEqual({ demandId: 'd1', matches: [{ expertId: 'en-expert', rank: 1, score: expect.any(Number) }], matchedAt: expect.any(String) });

    const explained = await call('GET', '/demands/d1/matches', { sub: 'op', role: 'operator' });
    expect(explained.body.matches[0]!.explanation.matchedSkills.map((s) => s.name)).toEqual(['motor control']);
    // The duplicate added nothing: one ranking, one invitation of the matched experts.
    expect((await collect(platform.stores.get('matching')!.readStream('matches-d1'))).map((e) => e.type)).toEqual(['ExpertsMatched', 'MatchedExpertsInvited', 'DemandSubjectRecorded']);
    // A revision re-ranks: the recorded matches follow the new text.
    const revised = newEnvelope({
      type: 'DemandRevised',
      version: 1,
      stream: 'demand-d1',
      occurredAt: new Date(),
      data: { demandId: 'd1', organisationId: 'org-haier', revision: 1, changedFields: ['title'], title: { en: 'polymer foam' }, domain: 'materials', keywords: [], revisedAt: new Date().toISOString() },
    });
    await platform.bus.publish(Topics.demand, [toMessage(revised)]);
    await eventually(async () => expect((await call('GET', '/demands/d1/matches', { sub: 'op', role: 'operator' })).body.matches.map((m) => m.expertId)).toEqual(['foam-expert']));
    expect((await call('GET', '/demands/nope/matches', { sub: 'op', role: 'operator' })).status).toBe(404);
  });
});
