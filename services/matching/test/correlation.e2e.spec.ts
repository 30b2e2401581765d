import type { RecordedEvent } from '@hope/kernel';
import { keptText, startMatching, type Body, type Who } from './matching-test-kit';

/**
 * Every event a request writes carries the request's correlation id (`x-correlation-id`), whatever
 * aggregate it lands in: experts, invitations, the compliance policy, a demand's funnel.
 */
describe('matching: the request correlation id is stamped on every event it writes', () => {
  let m: Awaited<ReturnType<typeof startMatching>>;
  beforeAll(async () => {
    m = await startMatching('hope-matching-corr-');
  });
  afterAll(() => m.stop());

  const send = async (correlationId: string, method: string, path: string, who: Who, body?: unknown): Promise<{ status: number; body: Body }> => {
    const token = await m.platform.devIssuer.issue(who);
    const r = await fetch(`${m.platform.services.get('matching')!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await keptText(method, path, r);
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };

  const eventsOf = async (streamPrefixes: readonly string[]): Promise<RecordedEvent[]> => {
    const all: RecordedEvent[] = [];
    for await (const e of m.platform.stores.get('matching')!.readAll()) if (streamPrefixes.some((p) => e.stream.startsWith(p))) all.push(e);
    return all;
  };

  it('experts, invitations, the policy and the funnel: each written event has the correlation id of its request', async () => {
    const op: Who = { sub: 'op', role: 'operator' };
    const ann: Who = { sub: 'corr-ann', role: 'expert' };
    const ben: Who = { sub: 'corr-ben', role: 'expert' };
    const calls: [string, string, string, Who, unknown?][] = [
      ['corr-policy-terms', 'POST', '/compliance/terms', op, { version: 'corr-2026' }],
      ['corr-policy-listed', 'POST', '/compliance/listed-companies', op, { organisationId: 'org-corr', name: 'Corr Ltd', coolingOffMonths: 6 }],
      ['corr-join-ann', 'POST', '/experts', ann, { name: 'Ann', expertise: { en: 'compressors' } }],
    ];
    for (const [corr, method, path, who, body] of calls) expect((await send(corr, method, path, who, body)).status).toBeLessThan(300);
    const invited = await send('corr-invite', 'POST', '/invitations', ann, {});
    expect(invited.status).toBe(201);
    const more: [string, string, string, Who, unknown?][] = [
      ['corr-join-ben', 'POST', '/experts', ben, { name: 'Ben', expertise: { en: 'pumps' }, invitationCode: invited.body.code }],
      ['corr-update', 'PATCH', '/experts/corr-ann', ann, { region: 'Qingdao' }],
      ['corr-promote', 'POST', '/experts/corr-ann/promotion', op],
      ['corr-apply', 'POST', '/experts/corr-ann/certification/application', ann, {}],
      ['corr-terms', 'POST', '/experts/corr-ann/terms-acceptance', ann, { version: 'corr-2026' }],
      ['corr-restrict', 'POST', '/experts/corr-ann/employer-restrictions', ann, { organisationIds: ['org-x'] }],
      ['corr-view', 'POST', '/demands/corr-d1/views', ann],
      ['corr-forget', 'DELETE', '/experts/corr-ben/personal-data', ben],
    ];
    for (const [corr, method, path, who, body] of more) expect([corr, (await send(corr, method, path, who, body)).status < 300]).toEqual([corr, true]);
    const events = await eventsOf(['expert-corr-', 'invitation-', 'compliance-policy', 'funnel-corr-']);
    const expected: Record<string, string> = {
      TermsPublished: 'corr-policy-terms',
      ListedCompanyRegistered: 'corr-policy-listed',
      InvitationSent: 'corr-invite',
      InvitationAccepted: 'corr-join-ben',
      ExpertProfileUpdated: 'corr-update',
      ExpertPromotedToCore: 'corr-promote',
      CertificationApplied: 'corr-apply',
      TermsAccepted: 'corr-terms',
      EmployerRestrictionRecorded: 'corr-restrict',
      FunnelStepRecorded: 'corr-view',
      ExpertForgotten: 'corr-forget',
    };
    for (const [type, corr] of Object.entries(expected)) {
      const written = events.filter((e) => e.type === type);
      expect([type, written.length]).toEqual([type, 1]);
      expect([type, written[0]!.metadata.correlationId]).toEqual([type, corr]);
    }
    const joined = events.filter((e) => e.type === 'ExpertJoined').map((e) => [e.stream, e.metadata.correlationId]);
    expect(joined).toEqual([
      ['expert-corr-ann', 'corr-join-ann'],
      ['expert-corr-ben', 'corr-join-ben'],
    ]);
    // Nothing written without one.
    expect(events.filter((e) => typeof e.metadata.correlationId !== 'string' || !e.metadata.correlationId.startsWith('corr-'))).toEqual([]);
  });
});
