import { collect } from '@hope/eventstore/testing';
import { DemandHarness, demandBody } from './demand-e2e.harness';

describe('question threads per proposal over HTTP: the seeker asks, the authors answer, nobody else reads', () => {
  jest.setTimeout(30_000);
  const h = new DemandHarness();
  let alice: string, carol: string, bob: string, op: string, analyst: string, rep: string, coAuthor: string, stranger: string;
  let proposalId: string;

  beforeAll(async () => {
    await h.start();
    alice = await h.enterprise('alice', 'org-haier');
    carol = await h.enterprise('carol', 'org-haier');
    bob = await h.enterprise('bob', 'org-other');
    op = await h.token('operator', 'op-1');
    analyst = await h.token('analyst', 'an-1');
    rep = await h.token('expert', 'x-1');
    coAuthor = await h.token('expert', 'x-2');
    stranger = await h.token('expert', 'x-9');
    const demandId = (await h.call(alice, 'POST', '/demands', demandBody())).body.demandId as string;
    await h.call(alice, 'POST', `/demands/${demandId}/submission`);
    await h.call(op, 'POST', `/demands/${demandId}/publication`);
    proposalId = (await h.call(rep, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', coAuthorIds: ['x-2'], title: 'Tuned damper', body: 'b' })).body.proposalId as string;
  });
  afterAll(() => h.stop());

  const thread = async () => (await collect(h.store.readStream(`questions-${proposalId}`))).map((e) => e.type);

  it('asks, answers and reads the thread; a retried question (same Idempotency-Key) is asked once', async () => {
    const asked = await h.call(alice, 'POST', `/proposals/${proposalId}/questions`, { text: 'What noise level at 1 m?' }, { 'Idempotency-Key': 'q-1' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ questionId: expect.any(String), text: 'What noise level at 1 m?', askedBy: 'alice', answers: [] });
    const retried = await h.call(alice, 'POST', `/proposals/${proposalId}/questions`, { text: 'What noise level at 1 m?' }, { 'Idempotency-Key': 'q-1' });
    expect(retried.body).toEqual(asked.body);
    const questionId = asked.body.questionId as string;

    expect((await h.call(rep, 'POST', `/proposals/${proposalId}/questions/${questionId}/answers`, { text: '28 dB' })).status).toBe(201);
    const byCoAuthor = await h.call(coAuthor, 'POST', `/proposals/${proposalId}/questions/${questionId}/answers`, { text: 'Measured in the anechoic room' });
    expect(byCoAuthor.body.answers.map((a: { answeredBy: string; text: string }) => [a.answeredBy, a.text])).toEqual([['x-1', '28 dB'], ['x-2', 'Measured in the anechoic room']]);
    // Another member of the seeking organisation asks too.
    expect((await h.call(carol, 'POST', `/proposals/${proposalId}/questions`, { text: 'Cost per unit?' })).status).toBe(201);

    for (const reader of [alice, carol, rep, coAuthor, op, analyst]) {
      const r = await h.call(reader, 'GET', `/proposals/${proposalId}/questions`);
      expect(r.status).toBe(200);
      expect(r.body.items.map((q: { text: string; answers: unknown[] }) => [q.text, q.answers.length])).toEqual([['What noise level at 1 m?', 2], ['Cost per unit?', 0]]);
    }
    expect(await thread()).toEqual(['QuestionAsked', 'QuestionAnswered', 'QuestionAnswered', 'QuestionAsked']);
    // The thread is private to the demand service: nothing of it reaches the topic.
    expect(h.published.some((e) => e.type.startsWith('Question'))).toBe(false);
  });

  it("a stranger and another organisation get 404 and change nothing; the authors don't ask, the seeker doesn't answer", async () => {
    const before = await thread();
    const questionId = (await h.call(alice, 'GET', `/proposals/${proposalId}/questions`)).body.items[0].questionId as string;
    expect((await h.call(stranger, 'GET', `/proposals/${proposalId}/questions`)).status).toBe(404);
    expect((await h.call(stranger, 'POST', `/proposals/${proposalId}/questions/${questionId}/answers`, { text: 'me too' })).status).toBe(404);
    expect((await h.call(bob, 'GET', `/proposals/${proposalId}/questions`)).status).toBe(404);
    expect((await h.call(bob, 'POST', `/proposals/${proposalId}/questions`, { text: 'Who are you?' })).status).toBe(404);
    expect((await h.call(rep, 'POST', `/proposals/${proposalId}/questions`, { text: 'Q?' })).status).toBe(403);
    expect((await h.call(alice, 'POST', `/proposals/${proposalId}/questions/${questionId}/answers`, { text: 'A' })).status).toBe(403);
    expect((await h.call(op, 'POST', `/proposals/${proposalId}/questions`, { text: 'Q?' })).status).toBe(403);
    expect((await h.call(rep, 'POST', `/proposals/${proposalId}/questions/00000000-0000-4000-8000-000000000000/answers`, { text: 'A' })).status).toBe(404);
    expect((await h.call(alice, 'GET', '/proposals/00000000-0000-4000-8000-000000000000/questions')).status).toBe(404);
    expect(await thread()).toEqual(before);
  });

  it('bad input is 400 problem+json naming the field, nothing written', async () => {
    const before = await thread();
    const bad = await h.call(alice, 'POST', `/proposals/${proposalId}/questions`, { text: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'text']);
    expect((await h.call(alice, 'POST', `/proposals/${proposalId}/questions`, { text: '   ' })).body.errors[0].field).toBe('text');
    expect((await h.call(rep, 'POST', `/proposals/${proposalId}/questions/not-a-uuid/answers`, { text: 'A' })).body.errors[0].field).toBe('questionId');
    expect(await thread()).toEqual(before);
  });
});
