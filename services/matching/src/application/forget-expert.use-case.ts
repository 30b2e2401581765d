import { NotFoundError, type CommandMeta } from '@hope/kernel';
import type { ExpertHandler, Now } from './registry.handlers';

export interface ForgetExpertDeps {
  readonly experts: ExpertHandler;
  /** Deletes the expert's key (the PersonalDataCipher). */
  readonly keys: { forget(expertId: string): Promise<void> };
  /** Drops the answers cached for the expert's idempotent requests (their join answer holds the profile in clear). */
  readonly cachedAnswers: { forget(expertId: string): Promise<void> };
  readonly clock: Now;
}

/**
 * Crypto-shredding: the key goes first, so from this instant nothing can open the personal fields,
 * whatever happens next; then the answers cached under the expert's Idempotency-Keys, so a replayed
 * join cannot return the profile; then ExpertForgotten blanks the read models (and a retry after a crash
 * in between finds the key gone and records it).
 */
export async function forgetExpert(deps: ForgetExpertDeps, input: { expertId: string; by: string }, meta: CommandMeta): Promise<void> {
  const { expertId, by } = input;
  const state = await deps.experts.load(expertId);
  if (state.status === 'absent') throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
  await deps.keys.forget(expertId);
  await deps.cachedAnswers.forget(expertId);
  await deps.experts.handle(expertId, { type: 'ForgetExpert', data: { expertId, by }, metadata: { now: deps.clock.now() } }, meta);
}
