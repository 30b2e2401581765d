/**
 * The running top N of a ranking under the diversity rule, and the threshold pruning may skip below.
 *
 * Diversity takes results in score order (then id), skipping an organisation once it has `maxPer` seats
 * while others qualify. So the final list is decided by the prefix of the sorted results that ends at
 * the `limit`-th result taken. `threshold` is the score of that result among the candidates seen so
 * far: any better candidate found later only raises it, so a candidate whose score cannot reach it can
 * never enter the list, and every candidate at or above it is kept (ties included: the id decides them).
 */
export interface Contender {
  readonly expertId: string;
  readonly score: number;
  readonly diversityKey: string;
}

const byScoreThenId = (a: Contender, b: Contender): number => b.score - a.score || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0);

export class TopK<T extends Contender> {
  private contenders: T[] = [];
  private cut = -Infinity;

  constructor(
    private readonly limit: number,
    private readonly maxPer: number,
  ) {}

  /** Nothing scoring below this can enter the list (-Infinity until `limit` results are taken). */
  get threshold(): number {
    return this.cut;
  }

  offer(c: T): void {
    if (c.score < this.cut) return;
    this.contenders.push(c);
    // Compact now and then: sorting every offer would cost more than it saves.
    if (this.contenders.length >= 2 * this.limit + 16) this.compact();
  }

  /** The final list, as `diversify` over every result would give it. */
  result(): T[] {
    this.compact();
    return diversify(this.contenders, this.limit, this.maxPer, (c) => c.diversityKey);
  }

  private compact(): void {
    this.contenders.sort(byScoreThenId);
    const perKey = new Map<string, number>();
    let taken = 0;
    for (const c of this.contenders) {
      const n = perKey.get(c.diversityKey) ?? 0;
      if (n >= this.maxPer) continue;
      perKey.set(c.diversityKey, n + 1);
      if (++taken === this.limit) {
        this.cut = c.score;
        break;
      }
    }
    if (this.cut > -Infinity) this.contenders = this.contenders.filter((c) => c.score >= this.cut);
  }
}

/**
 * Greedy diversity: take results in score order, skipping an organisation once it has `maxPer`;
 * if that leaves fewer than `limit`, the skipped ones fill the rest in score order (better a second
 * expert from one organisation than an empty seat).
 */
export function diversify<T>(sorted: readonly T[], limit: number, maxPer: number, keyOf: (t: T) => string): T[] {
  const taken: T[] = [];
  const skipped: T[] = [];
  const perKey = new Map<string, number>();
  for (const r of sorted) {
    if (taken.length >= limit) break;
    const k = keyOf(r);
    const count = perKey.get(k) ?? 0;
    if (count >= maxPer) {
      skipped.push(r);
      continue;
    }
    perKey.set(k, count + 1);
    taken.push(r);
  }
  return [...taken, ...skipped.slice(0, limit - taken.length)];
}
