import type { CommandMeta, Principal } from '@hope/kernel';
import type { ProfileChanges } from '../domain/expert/profile';
import { assertSelfOrOperator } from './expert-tenancy';
import type { KeyPreparation } from './personal-data/key-preparation';
import type { ExpertDeps } from './registry.handlers';

/** Changes profile fields (absent = unchanged): the expert on their own profile, or an operator. */
export async function updateProfile(deps: ExpertDeps & { readonly keys: KeyPreparation }, who: Principal, input: { expertId: string; changes: ProfileChanges }, meta: CommandMeta): Promise<void> {
  assertSelfOrOperator(who, input.expertId, 'change the profile of');
  await deps.keys.prepare(input.expertId);
  await deps.experts.handle(input.expertId, { type: 'UpdateProfile', data: { expertId: input.expertId, changes: input.changes }, metadata: { now: deps.clock.now() } }, meta);
}
