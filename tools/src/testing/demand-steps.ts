import type { Caller } from './dev-tokens';
import type { HttpAnswer } from './http-caller';
import type { ServiceName } from './service-cluster';

/** Calls a service's gateway as `who` (`DistributedRun.call`). */
export interface GatewayCaller {
  call(service: ServiceName, who: Caller, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpAnswer>;
}

/** The answer, or an error naming the step, the status and the body (so a failing test says which step broke). */
export function expectAnswer(answer: HttpAnswer, status: number, step: string): HttpAnswer {
  if (answer.status !== status) throw new Error(`${step}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** An operator registers the enterprise caller's organisation as a client, and the caller as its member. */
export async function registerClient(gateway: GatewayCaller, operator: Caller, enterprise: Caller, name: string): Promise<void> {
  if (!enterprise.org) throw new Error(`${enterprise.sub} has no organisation to register`);
  expectAnswer(await gateway.call('demand', operator, 'POST', '/organisations', { organisationId: enterprise.org, name: { en: name }, kind: 'client' }), 201, 'organisation');
  expectAnswer(await gateway.call('demand', operator, 'PUT', `/organisations/${enterprise.org}/members/${enterprise.sub}`), 200, 'member');
}

/** The enterprise drafts and submits a demand, an operator publishes it; its id. */
export async function publishDemand(gateway: GatewayCaller, enterprise: Caller, operator: Caller, body: DemandDraft, draftHeaders?: Record<string, string>): Promise<string> {
  const drafted = expectAnswer(await gateway.call('demand', enterprise, 'POST', '/demands', body, draftHeaders), 201, 'draft');
  const demandId = drafted.body.demandId as string;
  expectAnswer(await gateway.call('demand', enterprise, 'POST', `/demands/${demandId}/submission`), 200, 'submission');
  expectAnswer(await gateway.call('demand', operator, 'POST', `/demands/${demandId}/publication`), 200, 'publication');
  return demandId;
}

/** The body of `POST /demands`, as far as these runs vary it. */
export interface DemandDraft {
  readonly title: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  readonly domain: string;
  readonly keywords: readonly string[];
  readonly subProblems: readonly { readonly id: string; readonly title: Readonly<Record<string, string>>; readonly capabilities: readonly string[] }[];
  readonly maturity: string;
  readonly trl: number;
  readonly reward: { readonly kind: string; readonly amount: number; readonly currency: string };
  readonly ipTerms: string;
  readonly deadline: string;
  readonly visibility: string;
}

/** A valid public demand (a quiet compressor), due in 30 days; `overrides` replace whole fields. */
export const demandDraft = (overrides: Partial<DemandDraft> = {}): DemandDraft => ({
  title: { en: 'Low-noise compressor' },
  description: { en: 'A compressor under 30 dB for refrigerators.' },
  domain: 'smart-home',
  keywords: ['compressor'],
  subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['materials'] }],
  maturity: 'reduction-to-practice',
  trl: 5,
  reward: { kind: 'reward', amount: 50000, currency: 'CNY' },
  ipTerms: 'exclusive',
  deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  visibility: 'public',
  ...overrides,
});
