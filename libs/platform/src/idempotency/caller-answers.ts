import { randomUUID } from 'node:crypto';
import type { SharedState } from '../shared-state/shared-state.port';
import { sha256 } from './fingerprint';

/**
 * The stored answers of one caller can be dropped at once: every idempotency key is scoped by the
 * caller's current generation, and `forgetAnswersOf` starts a new one. A retry with an old key then
 * finds nothing and runs the handler again (the command is a kernel duplicate or refused), so an
 * answer cached before an erasure (a profile in clear) is never replayed after it. The entries left
 * behind are unreachable and expire with their TTL. Without a generation (never forgotten) keys are
 * what they were, so nothing cached before this existed is lost.
 */
const generationKey = (subject: string) => `idem-gen:${sha256(subject)}`;

export async function callerGeneration(state: SharedState, subject: string): Promise<string> {
  return (await state.get(generationKey(subject))) ?? '';
}

/** Makes every answer stored for requests by `subject` unreachable (e.g. when that person is forgotten). */
export async function forgetAnswersOf(state: SharedState, subject: string): Promise<void> {
  await state.set(generationKey(subject), randomUUID());
}
