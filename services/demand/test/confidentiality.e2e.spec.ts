import { Topics, newEnvelope } from '@hope/contracts';
import { toMessage } from '@hope/messaging';
import { ManualClock } from '@hope/platform/testing';
import { DemandHarness, demandBody } from './demand-e2e.harness';

const DAY = 86_400_000;

describe('confidentiality over HTTP: anonymous seekers, restricted demands, answers after the deadline', () => {
  jest.setTimeout(30_000);
  const clock = new ManualClock(new Date());
  const h = new DemandHarness({ clock });
  let alice: string, op: string, x1: string, x2: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    op = await h.token('operator', 'op-1');
    x1 = await h.token('expert', 'x-1');
    x2 = await h.token('expert', 'x-2');
  });
  afterAll(() => h.stop());

  const publish = async (over: Record<string, unknown> = {}): Promise<string> => {
    const id = (await h.call(alice, 'POST', '/demands', demandBody({ deadline: new Date(clock.now().getTime() + 10 * DAY).toISOString(), ...over }))).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${id}/submission`);
    expect((await h.call(op, 'POST', `/demands/${id}/publication`)).body.status).toBe('published');
    return id;
  };
  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    for (let i = 0; ; i++) {
      const v = await read();
      if (ok(v) || i > 200) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('an expert answering an anonymous demand never sees the seeking organisation; the seeker and staff do', async () => {
    const demandId = await publish({ anonymous: true });
    const submitted = await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Damper', body: 'b' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).not.toHaveProperty('organisationId');
    const proposalId = submitted.body.proposalId as string;
    const read = await h.call(x1, 'GET', `/proposals/${proposalId}`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('organisationId');
    const edited = await h.call(x1, 'PATCH', `/proposals/${proposalId}`, { title: 'Damper 2', body: 'b' });
    expect(edited.status).toBe(200);
    expect(edited.body).not.toHaveProperty('organisationId');
    expect(JSON.stringify(edited.body)).not.toContain('org-haier');

    // Questions: the expert learns a question was asked, not which of the seeker's people asked it.
    const asked = await h.call(alice, 'POST', `/proposals/${proposalId}/questions`, { text: 'Which noise level?' });
    expect(asked.status).toBe(201);
    const answered = await h.call(x1, 'POST', `/proposals/${proposalId}/questions/${asked.body.questionId}/answers`, { text: '28 dB' });
    expect(answered.body.askedBy).toBe('seeker');
    const thread = await h.call(x1, 'GET', `/proposals/${proposalId}/questions`);
    expect(thread.body.items.map((q: { askedBy: string }) => q.askedBy)).toEqual(['seeker']);
    expect(JSON.stringify(thread.body)).not.toMatch(/alice|org-haier/);
    expect((await h.call(alice, 'GET', `/proposals/${proposalId}/questions`)).body.items[0].askedBy).toBe('alice');

    expect((await h.call(alice, 'GET', `/proposals/${proposalId}`)).body.organisationId).toBe('org-haier');
    expect((await h.call(op, 'GET', `/proposals/${proposalId}`)).body.organisationId).toBe('org-haier');
    // A demand that is not anonymous still names its seeker to the expert.
    const open = await publish();
    expect((await h.call(x1, 'POST', `/demands/${open}/proposals`, { kind: 'clue', title: 'Lab', body: 'b' })).body.organisationId).toBe('org-haier');
  });

  it('a restricted demand is read, listed and answered only by the experts matching matched to it', async () => {
    const demandId = await publish({ visibility: 'restricted', keywords: ['restricted-kw'] });
    const listed = async (token: string) => (await h.call(token, 'GET', '/demands?keyword=restricted-kw')).body.items.map((d: { demandId: string }) => d.demandId);

    expect((await h.call(x1, 'GET', `/demands/${demandId}`)).status).toBe(404);
    expect(await listed(x1)).toEqual([]);
    expect((await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 't', body: 'b' })).status).toBe(404);

    const matched = newEnvelope({ type: 'ExpertsMatched', version: 1, stream: `matching-${demandId}`, occurredAt: new Date(), data: { demandId, matches: [{ expertId: 'x-1', rank: 1, score: 0.9 }], matchedAt: new Date().toISOString() } });
    await h.running.bus.publish(Topics.matching, [toMessage(matched)]);
    const read = await until(() => h.call(x1, 'GET', `/demands/${demandId}`), (r) => r.status === 200);
    expect(read.status).toBe(200);
    expect(await until(() => listed(x1), (ids) => ids.length === 1)).toEqual([demandId]);
    expect((await h.call(x1, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 't', body: 'b' })).status).toBe(201);

    // Another expert, not matched, still finds nothing.
    expect((await h.call(x2, 'GET', `/demands/${demandId}`)).status).toBe(404);
    expect(await listed(x2)).toEqual([]);
  });

  it('refuses a proposal once the deadline has passed, before the expiry job has run', async () => {
    const demandId = await publish();
    clock.advance(11 * DAY);
    const late = await h.call(x2, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Late', body: 'b' });
    expect(late.status).toBe(409);
    expect(late.contentType).toContain('application/problem+json');
    expect(late.body.code).toBe('PROPOSAL.DEADLINE_PASSED');
    expect((await h.call(alice, 'GET', `/demands/${demandId}`)).body.status).toBe('published'); // the job has not run
  });
});
