import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '@hope/eventstore/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { grantMemberships } from '@hope/platform/testing';
import { consultingService } from '../src/consulting.service';
import { client } from './http-client';
import { announce } from './known';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** Consulting accepts only experts and demands their services announced: unknown ids are 422 naming the field, and nothing is written. */
describe('references to experts and demands over HTTP (embedded mode)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  let api: ReturnType<typeof client>;
  const sponsor = { sub: 'buyer-a', role: 'enterprise', org: 'org-a' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-consulting-references-'));
    platform = await startEmbeddedPlatform({ services: [consultingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    api = client(platform);
    await announce(platform, { experts: ['real-expert', 'real-member'], demands: ['real-demand'] });
    // Tenancy rests on membership demand publishes: the sponsor is a member of org-a.
    await grantMemberships(platform, [{ organisationId: 'org-a', subject: 'buyer-a' }]);
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const written = async () => (await collect(platform.stores.get('consulting')!.readAll())).length;
  const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

  it('an interview with an expert who never joined is refused, naming expertId; a known one is accepted', async () => {
    const before = await written();
    const ghost = await api.call(sponsor, 'POST', '/interviews', { expertId: 'ghost-expert', topic: 't', durationMinutes: 60, slots: [inDays(5)] });
    expect(ghost.status).toBe(422);
    expect(ghost.contentType).toContain('application/problem+json');
    expect(ghost.body.code).toBe('CONSULTING.UNKNOWN_EXPERT');
    expect(fields(ghost)).toEqual(['expertId']);
    expect(await written()).toBe(before);
    const path = await api.call(sponsor, 'POST', '/interviews', { expertId: '../../etc/passwd', topic: 't', durationMinutes: 60, slots: [inDays(5)] });
    expect(path.status).toBe(400);
    expect(fields(path)).toEqual(['expertId']);
    expect((await api.call(sponsor, 'POST', '/interviews', { expertId: 'real-expert', topic: 't', durationMinutes: 60, slots: [inDays(5)] })).status).toBe(201);
  });

  it('a research group with an unknown lead, member or demand is refused naming each; a member added later too', async () => {
    const before = await written();
    const group = { title: 'x', topic: 't', startsAt: inDays(1), endsAt: inDays(30) };
    const bad = await api.call(sponsor, 'POST', '/research-groups', { ...group, leadExpertId: 'ghost-expert', memberIds: ['real-member', 'ghost-2'], demandId: 'not-a-demand' });
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['leadExpertId', 'memberIds.1', 'demandId']);
    expect(await written()).toBe(before);

    const formed = await api.call(sponsor, 'POST', '/research-groups', { ...group, leadExpertId: 'real-expert', memberIds: ['real-member'], demandId: 'real-demand' });
    expect(formed.status).toBe(201);
    const added = await api.call(sponsor, 'POST', `/research-groups/${formed.body.groupId}/members`, { expertId: 'ghost-expert' });
    expect(added.status).toBe(422);
    expect(fields(added)).toEqual(['expertId']);
  });
});
