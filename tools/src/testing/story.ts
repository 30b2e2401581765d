import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { expectContractKept } from '@hope/client/testing';
import { demandDraft, expectAnswer, publishDemand, registerClient, type GatewayCaller } from './demand-steps';
import type { Caller } from './dev-tokens';
import type { DistributedRun } from './distributed-run';
import { eventually } from './eventually';
import { expectData, storyClients } from './story-clients';
import { duplicateMovements, noPointsReadModelDrifted, readAccount, readWholeLedger, rebuildPointsReadModels } from './points-ledger-reader';

const SECOND = 1_000;

/** Who plays the story; named after the run, so runs sharing one Redis never collide. */
export interface StoryCast {
  readonly run: string;
  readonly operator: Caller;
  readonly enterprise: Caller;
  readonly clueAuthor: Caller;
  readonly planAuthor: Caller;
  readonly payer: Caller;
}

export function storyCast(run: string): StoryCast {
  const expert = (who: string): Caller => ({ sub: `${who}-${run}`, role: 'expert' });
  return {
    run,
    operator: { sub: `ops-story-${run}`, role: 'operator' },
    enterprise: { sub: `buyer-${run}`, role: 'enterprise', org: `org-story-${run}` },
    clueAuthor: expert('clue'),
    planAuthor: expert('plan'),
    payer: expert('payer'),
  };
}

export interface StoryHooks {
  /** Runs once the plan is adopted and before the interview is booked (a fault goes here). */
  readonly afterAdoption?: () => Promise<void>;
}

/**
 * Demand's and matching's answers judged by their published documents, as consulting's and points' are
 * through the contract-checked generated clients (decision 0034): each step already checks its status
 * and fails with the problem body; this adds the undocumented status, code or field.
 */
const contractKept = (run: DistributedRun): GatewayCaller => ({
  async call(service, who, method, path, body, headers) {
    const answer = await run.call(service, who, method, path, body, headers);
    expectContractKept(service, { method, path }, { status: answer.status, contentType: answer.contentType, body: answer.body === undefined ? '' : JSON.stringify(answer.body) });
    return answer;
  },
});

/** A points replica's URL (the run must have started points). */
const pointsReplica = (run: DistributedRun, index: number) => run.cluster.replica('points', index).url;

/**
 * The whole story over HTTP, each step failing with its name, status and body: an organisation and
 * its member, experts registered in matching, the payer granted 300 points, a demand drafted,
 * submitted and published, matched, answered with a clue and two plans, one plan shortlisted and
 * adopted; then (after `hooks.afterAdoption`) an interview paid with points booked and, once started,
 * completed (the payment captured), and an exchange meeting attended.
 */
export async function playStory(run: DistributedRun, cast: StoryCast, hooks: StoryHooks = {}): Promise<void> {
  const { operator, enterprise, clueAuthor, planAuthor, payer } = cast;
  const gateway = contractKept(run);
  const call = gateway.call.bind(gateway);
  const api = storyClients(run.tokens, { consulting: run.cluster.url('consulting'), points: pointsReplica(run, 0) });

  await registerClient(gateway, operator, enterprise, 'Story Appliances');

  // Experts register in matching, with the expertise the demand asks for.
  for (const expert of [clueAuthor, planAuthor, payer]) {
    const joined = await call('matching', expert, 'POST', '/experts', {
      name: expert.sub,
      expertise: { en: 'low-noise compressor vibration damping for refrigerators' },
      skills: [{ name: 'vibration damping', lastPractised: 2025 }],
      domains: ['smart-home'],
    });
    expectAnswer(joined, 201, `expert ${expert.sub}`);
  }

  // The payer funds the interview: an operator's adjustment (available at once, unlike earnings).
  const grant = await api.points(operator).POST('/accounts/{expertId}/adjustments', { params: { path: { expertId: payer.sub } }, body: { adjustmentId: randomUUID(), points: 300, reason: 'story: interview budget' } });
  expectData(grant, 201, 'grant');

  // The enterprise drafts and submits a demand; an operator publishes it.
  const demandId = await publishDemand(gateway, enterprise, operator, storyDemand(), { 'idempotency-key': `draft-${cast.run}` });

  // Matching ranks the registered experts for it (ExpertsMatched).
  await eventually(
    async () => {
      const r = expectAnswer(await call('matching', operator, 'GET', `/demands/${demandId}/matches`), 200, 'matches');
      const ids = (r.body.matches as { expertId: string }[]).map((m) => m.expertId);
      const missing = [clueAuthor, planAuthor, payer].filter((e) => !ids.includes(e.sub));
      if (missing.length > 0) throw new Error(`matches: ${missing.map((e) => e.sub).join(', ')} not matched yet: ${JSON.stringify(r.body)}`);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );

  // Experts answer; the enterprise shortlists and adopts one plan.
  expectAnswer(await call('demand', clueAuthor, 'POST', `/demands/${demandId}/proposals`, { kind: 'clue', title: 'Qingdao NVH lab', body: 'They measured this.' }), 201, 'clue');
  const plan = expectAnswer(await call('demand', planAuthor, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', subProblemId: 'sp-1', title: 'Tuned mass damper', body: 'A damper on the mount.' }), 201, 'plan');
  expectAnswer(await call('demand', payer, 'POST', `/demands/${demandId}/proposals`, { kind: 'plan', title: 'Active noise cancelling', body: 'Anti-phase.' }), 201, 'second plan');
  const proposalId = plan.body.proposalId as string;
  expectAnswer(await call('demand', enterprise, 'POST', `/proposals/${proposalId}/shortlisting`), 200, 'shortlisting');
  expectAnswer(await call('demand', enterprise, 'POST', `/proposals/${proposalId}/adoption`), 200, 'adoption');

  await hooks.afterAdoption?.();

  // The interview and the meeting happen shortly: completion and attendance need their start to have
  // passed, and booking needs it ahead (the five booking steps take a second or two).
  const startsAt = new Date(Date.now() + 12 * SECOND);
  const endsAt = new Date(startsAt.getTime() + 60 * 60 * SECOND);
  // The payer books the plan author with points; the host accepts and passes the gate (points reserved).
  const host = api.consulting(planAuthor);
  const interview = expectData(
    await api.consulting(payer).POST('/interviews', { body: { expertId: planAuthor.sub, topic: 'compressor noise', durationMinutes: 30, slots: [startsAt.toISOString()], payment: 'points' } }),
    201,
    'interview request',
  );
  const interviewId = interview.interviewId;
  const path = { path: { interviewId } };
  expectData(await host.POST('/interviews/{interviewId}/acceptance', { params: path, body: { start: startsAt.toISOString() } }), 200, 'acceptance');
  const confirmed = expectData(await host.POST('/interviews/{interviewId}/attestation', { params: path, body: { noConfidentialInformation: true, noConflictOfInterest: true } }), 200, 'attestation');
  expectPayment(confirmed, 'confirmed', 'reserved', 'attestation');

  // An exchange meeting (free) the clue author takes a seat at.
  const meeting = expectData(
    await api.consulting(operator).POST('/meetings', { body: { kind: 'exchange-meeting', title: 'Quiet kitchens', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), online: true, seats: 20 } }),
    201,
    'meeting',
  );
  const meetingId = meeting.meetingId;
  expectData(await api.consulting(clueAuthor).POST('/meetings/{meetingId}/registrations', { params: { path: { meetingId } }, body: {} }), 201, 'registration');

  // Once the call and the meeting have started: the host completes the call (captures the payment),
  // an operator records the attendance.
  await new Promise((r) => setTimeout(r, Math.max(0, startsAt.getTime() - Date.now() + SECOND)));
  const completed = expectData(await host.POST('/interviews/{interviewId}/completion', { params: path, body: { actualMinutes: 28 } }), 200, 'completion');
  // The completion captures at once when points answers; under a fault (a broker or a replica restarting)
  // it answers "completed, capture settling" and consulting's resume job captures with the same key later.
  let settled = completed;
  for (let waited = 0; settled.status === 'completed' && settled.pointsPayment?.settling === 'capture' && settled.pointsPayment.status === 'reserved' && waited < 90_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    settled = expectData(await host.GET('/interviews/{interviewId}', { params: path }), 200, 'interview after completion');
  }
  expectPayment(settled, 'completed', 'captured', 'completion');
  expectData(await api.consulting(operator).POST('/meetings/{meetingId}/attendance', { params: { path: { meetingId } }, body: { participantId: clueAuthor.sub } }), 200, 'attendance');
}

function expectPayment(body: { status: string; pointsPayment?: { status?: string; points?: number | null } | null }, status: string, payment: string, step: string): void {
  const pointsPayment = body.pointsPayment;
  if (body.status !== status || pointsPayment?.status !== payment || pointsPayment.points !== 200) {
    throw new Error(`${step}: expected ${status} with 200 points ${payment}, got ${JSON.stringify(body)}`);
  }
}

/**
 * The balances rules v1 give after the story: clue 5, plan 20, shortlisted 50, adopted 200,
 * consultation 40 (to the host), exchange meeting 10; all pending for 14 days. The payer spent 200 of
 * the 300 granted (lifetimeEarned counts the grant too).
 */
export function expectedStoryBalances(cast: StoryCast): Record<string, Record<string, number>> {
  return {
    [cast.clueAuthor.sub]: { pending: 5 + 10, available: 0, reserved: 0, lifetimeEarned: 15, lifetimeSpent: 0 },
    [cast.planAuthor.sub]: { pending: 20 + 50 + 200 + 40, available: 0, reserved: 0, lifetimeEarned: 310, lifetimeSpent: 0 },
    [cast.payer.sub]: { pending: 20, available: 100, reserved: 0, lifetimeEarned: 20 + 300, lifetimeSpent: 200, adjusted: 300 },
  };
}

/** What `storyOutcome` reads after the story; `expectedStoryOutcome` is what it must be. */
export interface StoryOutcome {
  /** Per replica, per expert: the fields `expectedStoryBalances` names. */
  readonly balances: { replica: number; expertId: string; balance: Record<string, number> }[];
  /** Per expert: the movements recorded more than once (`duplicateMovements`). */
  readonly duplicates: { expertId: string; duplicates: string[] }[];
  /** The payer's movements other than earnings, in order. */
  readonly payerSpending: string[];
  /** Per replica: each read model's rebuild answer (drifted or not). */
  readonly rebuilt: { replica: number; rebuilt: unknown }[];
}

async function storyBalances(run: DistributedRun, cast: StoryCast): Promise<StoryOutcome['balances']> {
  const balances: StoryOutcome['balances'] = [];
  for (const replica of run.cluster.replicas('points').map((_, i) => i)) {
    for (const [expertId, want] of Object.entries(expectedStoryBalances(cast))) {
      const account = (await readAccount(run.tokens, pointsReplica(run, replica), expertId, cast.operator)) as unknown as Record<string, number>;
      balances.push({ replica, expertId, balance: Object.fromEntries(Object.keys(want).map((k) => [k, account[k]!])) });
    }
  }
  return balances;
}

const expectedBalances = (run: DistributedRun, cast: StoryCast): StoryOutcome['balances'] =>
  run.cluster.replicas('points').flatMap((_, replica) => Object.entries(expectedStoryBalances(cast)).map(([expertId, balance]) => ({ replica, expertId, balance })));

/** Reads every balance on every points replica, each expert's whole ledger, and rebuilds each replica's read models. */
export async function storyOutcome(run: DistributedRun, cast: StoryCast): Promise<StoryOutcome> {
  const balances = await storyBalances(run, cast);
  const duplicates: StoryOutcome['duplicates'] = [];
  let payerSpending: string[] = [];
  for (const expertId of Object.keys(expectedStoryBalances(cast))) {
    const ledger = await readWholeLedger(run.tokens, pointsReplica(run, 0), expertId, cast.operator);
    duplicates.push({ expertId, duplicates: duplicateMovements(ledger) });
    if (expertId === cast.payer.sub) payerSpending = ledger.map((m) => m.type).filter((t) => t !== 'PointsEarned');
  }
  const rebuilt: StoryOutcome['rebuilt'] = [];
  for (const replica of run.cluster.replicas('points').map((_, i) => i)) {
    const answers = await rebuildPointsReadModels(run.tokens, pointsReplica(run, replica), cast.operator);
    // Only whether it drifted, unless the rebuild failed (then its whole answer, to explain).
    rebuilt.push({ replica, rebuilt: answers.map((a) => (a.status === 200 ? { ...a, body: { drifted: (a.body as { drifted?: unknown }).drifted } } : a)) });
  }
  return { balances, duplicates, payerSpending, rebuilt };
}

/** The outcome of a story where nothing was lost or counted twice. */
export function expectedStoryOutcome(run: DistributedRun, cast: StoryCast): StoryOutcome {
  return {
    balances: expectedBalances(run, cast),
    duplicates: Object.keys(expectedStoryBalances(cast)).map((expertId) => ({ expertId, duplicates: [] })),
    payerSpending: ['PointsAdjusted', 'PointsReserved', 'ReservationCaptured'],
    rebuilt: run.cluster.replicas('points').map((_, replica) => ({ replica, rebuilt: noPointsReadModelDrifted() })),
  };
}

/**
 * Waits (up to `timeoutMs`) for every balance on every points replica to be what the rules give, looks
 * again after `settleMs` (a late redelivery would show then), then checks no movement was recorded
 * twice and each replica's read models equal a rebuild. Throws with what was read and what was wanted;
 * returns the outcome.
 */
export async function checkStory(run: DistributedRun, cast: StoryCast, { timeoutMs = 90_000, settleMs = 3 * SECOND } = {}): Promise<StoryOutcome> {
  const wanted = expectedStoryOutcome(run, cast);
  const same = (what: string, got: unknown, want: unknown) => {
    if (!isDeepStrictEqual(got, want)) throw new Error(`${what} differ from the rules:\ngot  ${JSON.stringify(got)}\nwant ${JSON.stringify(want)}`);
  };
  await eventually(async () => same('balances', await storyBalances(run, cast), wanted.balances), { timeoutMs, intervalMs: 500 });
  await new Promise((r) => setTimeout(r, settleMs));
  const outcome = await storyOutcome(run, cast);
  same('the story outcome (balances, duplicates, payer spending, rebuilds)', outcome, wanted);
  return outcome;
}

/** Worded so that matching finds the registered experts (their expertise and skills). */
export const storyDemand = () =>
  demandDraft({
    title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
    description: { en: 'A compressor under 30 dB for refrigerators, with vibration damping.' },
    keywords: ['compressor', 'vibration damping'],
    subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['vibration damping'] }],
  });
