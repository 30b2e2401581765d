import { randomUUID } from 'node:crypto';
import { demandDraft, publishDemand, registerClient } from '../src/testing/demand-steps';
import { describeWithKafka } from '../src/testing/describe-with-kafka';
import type { Caller } from '../src/testing/dev-tokens';
import { DistributedRun } from '../src/testing/distributed-run';
import { eventually } from '../src/testing/eventually';
import { callService, type HttpAnswer } from '../src/testing/http-caller';
import { duplicateMovements, noPointsReadModelDrifted, readAccount, readWholeLedger, rebuildPointsReadModels } from '../src/testing/points-ledger-reader';

const SECOND = 1_000;

/**
 * Issue 7: the whole story in the distributed run. Real Kafka and Redis, each service its own process,
 * two replicas of points sharing one event store (each with its own read models, as in production),
 * everything over HTTP: an organisation and its member, experts registered in matching, a demand
 * drafted, submitted and published, matched, answered with clues and plans, one plan shortlisted and
 * adopted, an interview paid with points booked and completed, an exchange meeting attended; then every
 * balance against the earning rules, read from both replicas, with no movement recorded twice.
 *
 * A private broker: consumer groups are named after the services, so two test files running the
 * services on one broker would share (and steal) each other's partitions.
 */
describeWithKafka('the whole story, distributed: separate processes, two points replicas, real Kafka and Redis', () => {
  jest.setTimeout(240_000);
  const distributed = new DistributedRun('story');
  const run = distributed.id;
  const org = `org-story-${run}`;
  const operator: Caller = { sub: 'ops-story', role: 'operator' };
  const enterprise: Caller = { sub: `buyer-${run}`, role: 'enterprise', org };
  const [clueAuthor, planAuthor, payer] = ['clue', 'plan', 'payer'].map((who): Caller => ({ sub: `${who}-${run}`, role: 'expert' }));

  beforeAll(() => distributed.start({ services: ['demand', 'matching', 'consulting', 'points'], replicas: { points: 2 } }));
  afterAll(() => distributed.stop());

  const call = distributed.call.bind(distributed);
  const replica = (index: number) => distributed.cluster.replica('points', index).url;
  /** Points requests alternate between the two replicas. */
  let turn = 0;
  const pointsUrl = () => replica(turn++ % 2);
  const expectStatus = (r: HttpAnswer, status: number, what: string) => expect({ what, status: r.status, body: r.body }).toMatchObject({ what, status });

  it('ends with every balance the rules give, on both points replicas', async () => {
    // An operator registers the client organisation and its member.
    await registerClient(distributed, operator, enterprise, 'Story Appliances');

    // Experts register in matching, with the expertise the demand asks for.
    for (const expert of [clueAuthor!, planAuthor!, payer!]) {
      const joined = await call('matching', expert, 'POST', '/experts', {
        name: expert.sub,
        expertise: { en: 'low-noise compressor vibration damping for refrigerators' },
        skills: [{ name: 'vibration damping', lastPractised: 2025 }],
        domains: ['smart-home'],
      });
      expectStatus(joined, 201, `expert ${expert.sub}`);
    }

    // The payer funds the interview: an operator's adjustment (available at once, unlike earnings).
    const grant = await callService(distributed.tokens, pointsUrl(), 'POST', `/accounts/${payer!.sub}/adjustments`, operator, { adjustmentId: randomUUID(), points: 300, reason: 'story: interview budget' });
    expectStatus(grant, 201, 'grant');

    // The interview and the meeting happen shortly: completion and attendance need their start to have
    // passed, and booking needs it ahead (the steps before it take about a second).
    const startsAt = new Date(Date.now() + 15 * SECOND);
    const endsAt = new Date(startsAt.getTime() + 60 * 60 * SECOND);
    // The interview: the payer books the plan author with points; the host accepts and passes the gate.
    const interview = await call('consulting', payer!, 'POST', '/interviews', { expertId: planAuthor!.sub, topic: 'compressor noise', durationMinutes: 30, slots: [startsAt.toISOString()], payment: 'points' });
    expectStatus(interview, 201, 'interview request');
    const interviewId = interview.body.interviewId as string;
    expectStatus(await call('consulting', planAuthor!, 'POST', `/interviews/${interviewId}/acceptance`, { start: startsAt.toISOString() }), 200, 'acceptance');
    const confirmed = await call('consulting', planAuthor!, 'POST', `/interviews/${interviewId}/attestation`, { noConfidentialInformation: true, noConflictOfInterest: true });
    expectStatus(confirmed, 200, 'attestation');
    expect(confirmed.body).toMatchObject({ status: 'confirmed', pointsPayment: { status: 'reserved', points: 200 } });

    // An exchange meeting (free) the clue author takes a seat at.
    const meeting = await call('consulting', operator, 'POST', '/meetings', { kind: 'exchange-meeting', title: 'Quiet kitchens', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), online: true, seats: 20 });
    expectStatus(meeting, 201, 'meeting');
    const meetingId = meeting.body.meetingId as string;
    expectStatus(await call('consulting', clueAuthor!, 'POST', `/meetings/${meetingId}/registrations`, {}), 201, 'registration');

    // The enterprise drafts and submits a demand; an operator publishes it.
    const demandId = await publishDemand(distributed, enterprise, operator, demandBody(), { 'idempotency-key': `draft-${run}` });

    // Matching ranks the registered experts for it (ExpertsMatched).
    const matched = await eventually(async () => {
      const r = await call('matching', operator, 'GET', `/demands/${demandId}/matches`);
      expectStatus(r, 200, 'matches');
      return r.body as { matches: { expertId: string }[] };
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(matched.matches.map((m) => m.expertId)).toEqual(expect.arrayContaining([clueAuthor!.sub, planAuthor!.sub, payer!.sub]));

    // Experts answer; the enterprise shortlists and adopts one plan.
    expectStatus(await call('demand', clueAuthor!, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 'Qingdao NVH lab', body: 'They measured this.' }), 201, 'clue');
    const plan = await call('demand', planAuthor!, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', subProblemId: 'sp-1', title: 'Tuned mass damper', body: 'A damper on the mount.' });
    expectStatus(plan, 201, 'plan');
    expectStatus(await call('demand', payer!, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Active noise cancelling', body: 'Anti-phase.' }), 201, 'second plan');
    const proposalId = plan.body.proposalId as string;
    expectStatus(await call('demand', enterprise, 'POST', `/proposals/${proposalId}/shortlisting`), 200, 'shortlisting');
    expectStatus(await call('demand', enterprise, 'POST', `/proposals/${proposalId}/adoption`), 200, 'adoption');

    // Once the call and the meeting have started: the host completes the call (captures the payment),
    // an operator records the attendance.
    await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - Date.now() + SECOND)));
    const completed = await call('consulting', planAuthor!, 'POST', `/interviews/${interviewId}/completion`, { actualMinutes: 28 });
    expectStatus(completed, 200, 'completion');
    expect(completed.body).toMatchObject({ status: 'completed', pointsPayment: { status: 'captured', points: 200 } });
    expectStatus(await call('consulting', operator, 'POST', `/meetings/${meetingId}/attendance`, { participantId: clueAuthor!.sub }), 200, 'attendance');

    // Rules v1: clue 5, plan 20, shortlisted 50, adopted 200, consultation 40 (to the host), exchange
    // meeting 10; all pending for 14 days. The payer spent 200 of the 300 granted.
    const expected: Record<string, Record<string, number>> = {
      [clueAuthor!.sub]: { pending: 5 + 10, available: 0, reserved: 0, lifetimeEarned: 15, lifetimeSpent: 0 },
      [planAuthor!.sub]: { pending: 20 + 50 + 200 + 40, available: 0, reserved: 0, lifetimeEarned: 310, lifetimeSpent: 0 },
      // lifetimeEarned counts the grant too.
      [payer!.sub]: { pending: 20, available: 100, reserved: 0, lifetimeEarned: 20 + 300, lifetimeSpent: 200, adjusted: 300 },
    };
    const balancesEverywhere = async () => {
      for (const index of [0, 1]) {
        for (const [expertId, want] of Object.entries(expected)) {
          const account = await readAccount(distributed.tokens, replica(index), expertId, operator);
          expect({ replica: index, expertId, ...account }).toMatchObject({ replica: index, expertId, ...want });
        }
      }
    };
    await eventually(balancesEverywhere, { timeoutMs: 90_000, intervalMs: 500 });
    // Late redeliveries would show now: look again after a pause.
    await new Promise((r) => setTimeout(r, 3 * SECOND));
    await balancesEverywhere();

    for (const expertId of Object.keys(expected)) {
      const ledger = await readWholeLedger(distributed.tokens, pointsUrl(), expertId, operator);
      expect({ expertId, duplicates: duplicateMovements(ledger) }).toEqual({ expertId, duplicates: [] });
    }
    const payerLedger = await readWholeLedger(distributed.tokens, pointsUrl(), payer!.sub, operator);
    expect(payerLedger.map((m) => m.type).filter((t) => t !== 'PointsEarned')).toEqual(['PointsAdjusted', 'PointsReserved', 'ReservationCaptured']);

    // Each replica's read models equal a replay of the shared store from position 0.
    for (const index of [0, 1]) {
      expect({ replica: index, rebuilt: await rebuildPointsReadModels(distributed.tokens, replica(index), operator) }).toMatchObject({ replica: index, rebuilt: noPointsReadModelDrifted() });
    }
  });
});

/** Worded so that matching finds the registered experts (their expertise and skills). */
const demandBody = () =>
  demandDraft({
    title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
    description: { en: 'A compressor under 30 dB for refrigerators, with vibration damping.' },
    keywords: ['compressor', 'vibration damping'],
    subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['vibration damping'] }],
  });
