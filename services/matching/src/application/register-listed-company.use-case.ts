import type { CommandMeta, Principal } from '@hope/kernel';
import type { ListedCompany } from '../domain/compliance/compliance';
import { POLICY_ID } from '../domain/compliance/policy.aggregate';
import type { PolicyDeps } from './publish-terms.use-case';

/** An operator (the controller's role guard) registers or changes a listed company and its cooling-off. */
export async function registerListedCompany(deps: PolicyDeps, who: Principal, input: ListedCompany, meta: CommandMeta): Promise<void> {
  const { organisationId, name, coolingOffMonths } = input;
  await deps.policy.handle(POLICY_ID, { type: 'RegisterListedCompany', data: { organisationId, name, coolingOffMonths, by: who.subject }, metadata: { now: deps.clock.now() } }, meta);
}
