import type { AggregateHandler, CommandMeta, Principal } from '@hope/kernel';
import { POLICY_ID } from '../domain/compliance/policy.aggregate';
import type { Policy, PolicyCommand, PolicyEvent } from '../domain/compliance/policy.decide';
import type { Now } from './registry.handlers';

export interface PolicyDeps {
  readonly policy: AggregateHandler<Policy, PolicyCommand, PolicyEvent>;
  readonly clock: Now;
}

/** An operator (the controller's role guard) publishes a terms version: from then on only experts who accepted it are matched. */
export async function publishTerms(deps: PolicyDeps, who: Principal, input: { version: string }, meta: CommandMeta): Promise<void> {
  await deps.policy.handle(POLICY_ID, { type: 'PublishTerms', data: { version: input.version, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
