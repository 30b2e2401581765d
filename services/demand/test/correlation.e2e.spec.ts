import { DemandHarness, demandBody } from './demand-e2e.harness';

/**
 * A request's correlation id follows it into the store: every event a write endpoint causes carries the
 * `x-correlation-id` the caller sent (what the relay then puts on the envelope, and SREs grep for).
 */
describe('correlation over HTTP: every event a write request causes carries its x-correlation-id', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const call = async (correlationId: string, token: string, method: string, path: string, body?: unknown) => {
    const r = await h.call(token, method, path, body, { 'x-correlation-id': correlationId });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, string>;
  };
  /** Each event of the stream: its type and the correlation id stored with it. */
  const stamped = async (stream: string) => {
    const out: [string, unknown][] = [];
    for await (const e of h.store.readStream(stream)) out.push([e.type, e.metadata.correlationId]);
    return out;
  };

  it('stamps organisation, demand, NDA, funnel, proposal, question and need events', async () => {
    const op = await h.token('operator', 'op-1');
    await call('corr-org', op, 'POST', '/organisations', { organisationId: 'org-corr', name: { en: 'Corr' }, kind: 'client' });
    await call('corr-member', op, 'PUT', '/organisations/org-corr/members/alice');
    const alice = await h.token('enterprise', 'alice', 'org-corr');
    const expert = await h.token('expert', 'x-1');

    const demandId = (await call('corr-draft', alice, 'POST', '/demands', demandBody({ visibility: 'confidential' }))).demandId!;
    await call('corr-submit', alice, 'POST', `/demands/${demandId}/submission`);
    await call('corr-publish', op, 'POST', `/demands/${demandId}/publication`);
    await call('corr-invite', alice, 'POST', `/demands/${demandId}/invitations`, { expertIds: ['x-1'] });
    await call('corr-accept', expert, 'POST', `/demands/${demandId}/nda-acceptance`);
    await call('corr-open', expert, 'GET', `/demands/${demandId}`);

    const proposalId = (await call('corr-proposal', expert, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'A plan', body: 'b' })).proposalId!;
    await call('corr-ask', alice, 'POST', `/proposals/${proposalId}/questions`, { text: 'Why?' });

    // The points service is not running here: the need is recorded and waits for the saga job.
    const needId = (await call('corr-need', expert, 'POST', '/needs', { title: { en: 'A need' }, description: { en: 'd' }, domain: 'smart-home' })).needId!;

    expect(await stamped('organisation-org-corr')).toEqual([['OrganisationRegistered', 'corr-org'], ['MemberAdded', 'corr-member']]);
    expect(await stamped(`demand-${demandId}`)).toEqual([['DemandDrafted', 'corr-draft'], ['DemandSubmittedForReview', 'corr-submit'], ['DemandPublished', 'corr-publish']]);
    expect(await stamped(`nda-${demandId}`)).toEqual([['ExpertsInvited', 'corr-invite'], ['NdaAccepted', 'corr-accept'], ['ConfidentialDetailsOpened', 'corr-open']]);
    expect(await stamped(`funnel-${demandId}`)).toEqual([['DemandViewed', 'corr-open']]);
    expect(await stamped(`proposal-${proposalId}`)).toEqual([['PlanSubmitted', 'corr-proposal']]);
    expect(await stamped(`questions-${proposalId}`)).toEqual([['QuestionAsked', 'corr-ask']]);
    expect(await stamped(`need-${needId}`)).toEqual([['NeedRequested', 'corr-need']]);
  });
});
