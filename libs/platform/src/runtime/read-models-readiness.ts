import { positionToString, type EventStore, type Position, type ProjectionRunner } from '@hope/eventstore';
import type { ReadinessCheck } from '../health/readiness.registry';

async function headOf(store: EventStore): Promise<Position | undefined> {
  for await (const e of store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) return e.position;
  return undefined;
}

/**
 * A new pod must not take traffic while its read models are still replaying: it would answer from a
 * past state (a balance without its last movements, an expert not yet registered). The check fails
 * until every projection has seen the store's head as of start, then passes for good: later lag is
 * the normal read-your-writes case, which commands wait out themselves, not a reason to leave the pool.
 */
export function readModelsCaughtUp(store: EventStore, projections: Pick<ProjectionRunner, 'behind'>): ReadinessCheck {
  let head: Promise<Position | undefined> | undefined;
  // Read at start; a store that does not answer yet is asked again by the next probe.
  const headAtStart = (): Promise<Position | undefined> =>
    (head ??= headOf(store).catch((error: unknown) => {
      head = undefined;
      throw error;
    }));
  headAtStart().catch(() => undefined);
  let caughtUp = false;
  return async () => {
    if (caughtUp) return;
    const at = await headAtStart();
    const behind = at === undefined ? [] : projections.behind(at);
    if (at !== undefined && behind.length > 0) throw new Error(`catching up to position ${positionToString(at)}: ${behind.join(', ')}`);
    caughtUp = true;
  };
}
