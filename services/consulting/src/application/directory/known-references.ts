import { IllegalStateError, type FieldProblem } from '@hope/kernel';
import type { KnownDemandsHandler, KnownExpertsHandler } from '../../domain/directory/directory.aggregate';

/** The experts and demands consulting learnt of from their services' events (directory.event-handler.ts). */
export interface KnownReferences {
  readonly experts: Pick<KnownExpertsHandler, 'load'>;
  readonly demands: Pick<KnownDemandsHandler, 'load'>;
}

/**
 * Refuses a request naming an expert or a demand that never joined / was never published (422, each
 * field named), before anything is appended under that id. An expert who joined a moment ago may be
 * refused until ExpertJoined reaches us (milliseconds embedded, the consumer lag distributed): the
 * client retries, which beats bookings for ids that do not exist.
 */
export async function requireKnown(deps: KnownReferences, refs: { experts?: Record<string, string>; demands?: Record<string, string> }): Promise<void> {
  const problems: FieldProblem[] = [];
  for (const [field, expertId] of Object.entries(refs.experts ?? {})) {
    if (!(await deps.experts.load(expertId)).known) problems.push({ field, reason: `no expert ${expertId} has joined` });
  }
  for (const [field, demandId] of Object.entries(refs.demands ?? {})) {
    if (!(await deps.demands.load(demandId)).known) problems.push({ field, reason: `no demand ${demandId} was published` });
  }
  if (problems.length === 0) return;
  const code = problems.some((p) => refs.experts?.[p.field] !== undefined) ? 'CONSULTING.UNKNOWN_EXPERT' : 'CONSULTING.UNKNOWN_DEMAND';
  throw new IllegalStateError(code, `Unknown ${problems.map((p) => p.field).join(', ')}: ${problems.map((p) => p.reason).join('; ')}`, { status: 422, fields: problems });
}
