/**
 * Work done in steps: a generator that yields between bounded pieces of work and returns its result.
 * `runSteps` does it all at once (tests, a caller that cannot wait); `runStepsInTurns` awaits `pause`
 * at each yield, so a snapshot's restore never holds a service's event loop for long (decision 0054).
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runStepsInTurns<T>(steps: Steps<T>, pause: () => Promise<void>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** Items of a restore loop between two yields: a few ms of work each. */
export const ITEMS_PER_STEP = 50_000;
