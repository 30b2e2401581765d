import type { LocalizedText } from '@hope/contracts';
import { displayToken, tokenize } from '../ranking/tokenize';

/** What the index reads of a resource: its text fields (the rest stays in the read model). */
export interface IndexedResource {
  readonly resourceId: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly capabilities: readonly string[];
}

/** Field weights of the BM25F-style term frequency: a title word says more than a description word. */
export const FIELD_WEIGHTS = { title: 3, capabilities: 2, description: 1 } as const;
export type ResourceField = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as ResourceField[];
const K1 = 1.2;
const B = 0.75;
/** A hit scoring below this share of the best hit is noise (one shared generic word), not a match. */
export const MIN_RELATIVE_SCORE = 0.2;

export interface ResourceHit {
  readonly resourceId: string;
  readonly score: number;
}

export interface ResourceExplanation {
  /** Query terms the resource contains, as a reader sees them. */
  readonly matchedTerms: string[];
  /** The same, per field they were found in. */
  readonly fields: Record<ResourceField, string[]>;
}

const textOf = (t: LocalizedText): string => [t.zh, t.en].filter((x) => x !== undefined && x !== '').join('\n');
const fieldText = (r: IndexedResource, f: ResourceField): string => (f === 'capabilities' ? r.capabilities.join('\n') : textOf(r[f]));

/** One term's postings: slots and weighted term frequencies, in growable typed arrays. */
class Postings {
  slots = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;

  add(slot: number, tf: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2);
      slots.set(this.slots);
      this.slots = slots;
      const tfs = new Uint16Array(this.length * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.slots[this.length] = slot;
    this.tfs[this.length] = Math.min(tf, 65_535);
    this.length++;
  }
}

/**
 * A compact in-memory inverted index for BM25 over title, capabilities and description (decision
 * 0023): one slot per indexed version of a resource, postings as typed arrays, the scores of a query
 * accumulated into one reused Float32Array. A revision or a withdrawal retires the old slot (skipped
 * when scoring) instead of rewriting postings; `compactionDue` says when retired slots are worth a rebuild.
 * Tokens come from the matching tokenizer, the same analyzer experts are ranked with.
 */
export class ResourceIndex {
  private readonly terms = new Map<string, Postings>();
  private ids: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private lengths = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private scores = new Float32Array(1024);
  private touched = new Int32Array(1024);
  private totalLength = 0;
  private liveCount = 0;

  get size(): number {
    return this.liveCount;
  }

  /** More retired slots than live ones: a rebuild would halve the memory and the work per query. */
  get compactionDue(): boolean {
    return this.ids.length - this.liveCount > Math.max(10_000, this.liveCount);
  }

  upsert(r: IndexedResource): void {
    this.remove(r.resourceId);
    const slot = this.ids.length;
    this.grow(slot + 1);
    const tf = new Map<string, number>();
    let length = 0;
    for (const f of FIELDS) {
      const tokens = tokenize(fieldText(r, f));
      length += tokens.length * FIELD_WEIGHTS[f];
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + FIELD_WEIGHTS[f]);
    }
    for (const [term, n] of tf) {
      let p = this.terms.get(term);
      if (!p) this.terms.set(term, (p = new Postings()));
      p.add(slot, n);
    }
    this.ids.push(r.resourceId);
    this.slotOf.set(r.resourceId, slot);
    this.lengths[slot] = length;
    this.alive[slot] = 1;
    this.totalLength += length;
    this.liveCount++;
  }

  remove(resourceId: string): void {
    const slot = this.slotOf.get(resourceId);
    if (slot === undefined) return;
    this.alive[slot] = 0;
    this.totalLength -= this.lengths[slot]!;
    this.liveCount--;
    this.slotOf.delete(resourceId);
  }

  /** The `limit` best resources for a text by BM25 (ties by resource id), above the noise floor. */
  search(text: string, limit: number): ResourceHit[] {
    const n = this.liveCount;
    if (n === 0 || limit <= 0) return [];
    const avgdl = this.totalLength / n || 1;
    let touchedCount = 0;
    for (const term of new Set(tokenize(text))) {
      const p = this.terms.get(term);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5));
      if (idf <= 0) continue;
      const { slots, tfs } = p;
      for (let i = 0; i < p.length; i++) {
        const slot = slots[i]!;
        if (this.alive[slot] === 0) continue;
        const f = tfs[i]!;
        const s = (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * this.lengths[slot]!) / avgdl));
        if (this.scores[slot] === 0) this.touched[touchedCount++] = slot;
        this.scores[slot] = this.scores[slot]! + s;
      }
    }
    const top = this.topOf(touchedCount, limit);
    for (let i = 0; i < touchedCount; i++) this.scores[this.touched[i]!] = 0;
    const best = top[0]?.score ?? 0;
    return top.filter((h) => h.score >= best * MIN_RELATIVE_SCORE);
  }

  /** The query's terms found in each field of a resource: why it was matched. */
  static explain(r: IndexedResource, text: string): ResourceExplanation {
    const query = new Set(tokenize(text));
    const fields = {} as Record<ResourceField, string[]>;
    const all = new Set<string>();
    for (const f of FIELDS) {
      const found = [...new Set(tokenize(fieldText(r, f)).filter((t) => query.has(t)).map(displayToken))];
      fields[f] = found;
      for (const t of found) all.add(t);
    }
    return { matchedTerms: [...all], fields };
  }

  /** The best `limit` of the touched slots: a small sorted buffer (limit is 20-ish, touched may be 10^5). */
  private topOf(touchedCount: number, limit: number): ResourceHit[] {
    const slots: number[] = [];
    const better = (a: number, b: number) => this.scores[a]! > this.scores[b]! || (this.scores[a] === this.scores[b] && this.ids[a]! < this.ids[b]!);
    for (let i = 0; i < touchedCount; i++) {
      const slot = this.touched[i]!;
      if (slots.length === limit && !better(slot, slots[limit - 1]!)) continue;
      let j = slots.length < limit ? slots.length : limit - 1;
      slots[j] = slot;
      while (j > 0 && better(slots[j]!, slots[j - 1]!)) {
        [slots[j], slots[j - 1]] = [slots[j - 1]!, slots[j]!];
        j--;
      }
    }
    return slots.map((s) => ({ resourceId: this.ids[s]!, score: Math.round(this.scores[s]! * 10_000) / 10_000 }));
  }

  private grow(needed: number): void {
    if (needed <= this.lengths.length) return;
    const size = Math.max(needed, this.lengths.length * 2);
    const lengths = new Float32Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const alive = new Uint8Array(size);
    alive.set(this.alive);
    this.alive = alive;
    this.scores = new Float32Array(size);
    this.touched = new Int32Array(size);
  }
}
