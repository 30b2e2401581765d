import { capacityFor, grown } from './growable';
import { ITEMS_PER_STEP, runSteps, type Steps } from './steps';

/** What a snapshot holds of a dictionary: every term's UTF-16 code units end to end, and where each starts. */
export interface TermDictionaryState {
  readonly chars: Uint16Array;
  /** Term i is chars[starts[i] .. starts[i + 1]). */
  readonly starts: Int32Array;
}

/**
 * Terms interned to dense ids (0, 1, 2... in the order first seen) with no string or Map entry per term:
 * the code units of every term end to end in one array, and an open-addressing hash table of ids. A
 * 200k-profile index holds ~800,000 terms (phrases mostly): as strings in a Map they took ~77 MB of heap,
 * here ~25 MB of typed arrays. Looking a term up hashes and compares its code units, as a Map would.
 */
export class TermDictionary {
  private chars: Uint16Array = new Uint16Array(1 << 16);
  private starts: Int32Array = new Int32Array(1 << 12);
  private hashes: Int32Array = new Int32Array(1 << 12);
  /** Open addressing, linear probing, two ints per cell: id + 1 (0 when empty) and the term's hash beside it (one cache line for both); kept at most half full. */
  private table: Int32Array = new Int32Array(2 << 13);
  private count = 0;

  static from(s: TermDictionaryState): TermDictionary {
    return runSteps(TermDictionary.restoring(s));
  }

  /** `from` in steps (every term is hashed again: ~800,000 at 200k profiles). */
  static *restoring(s: TermDictionaryState): Steps<TermDictionary> {
    const d = new TermDictionary();
    const count = s.starts.length - 1;
    d.chars = grown(s.chars, Math.max(16, s.chars.length));
    d.starts = grown(s.starts, Math.max(16, s.starts.length));
    d.hashes = new Int32Array(Math.max(16, count));
    d.count = count;
    d.table = new Int32Array(2 * tableSizeFor(count));
    for (let id = 0; id < count; id++) {
      d.hashes[id] = hashOfRange(d.chars, d.starts[id]!, d.starts[id + 1]!);
      d.place(id);
      if (id % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    }
    return d;
  }

  state(): TermDictionaryState {
    return { chars: this.chars.subarray(0, this.starts[this.count]!), starts: this.starts.subarray(0, this.count + 1) };
  }

  get size(): number {
    return this.count;
  }

  /** The term's id, or undefined if it was never interned. */
  id(term: string): number | undefined {
    const hash = hashOf(term);
    const mask = (this.table.length >> 1) - 1;
    for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
      const entry = this.table[2 * cell]!;
      if (entry === 0) return undefined;
      if (this.table[2 * cell + 1] === hash && this.holds(entry - 1, term)) return entry - 1;
    }
  }

  /** The term's id, given the next one if new. */
  intern(term: string): number {
    const hash = hashOf(term);
    const mask = (this.table.length >> 1) - 1;
    let cell = hash & mask;
    for (; ; cell = (cell + 1) & mask) {
      const entry = this.table[2 * cell]!;
      if (entry === 0) break;
      if (this.table[2 * cell + 1] === hash && this.holds(entry - 1, term)) return entry - 1;
    }
    const id = this.count++;
    if (id + 2 > this.starts.length) {
      this.starts = grown(this.starts, capacityFor(this.starts.length, id + 2));
      this.hashes = grown(this.hashes, this.starts.length);
    }
    const at = this.starts[id]!;
    if (at + term.length > this.chars.length) this.chars = grown(this.chars, capacityFor(this.chars.length, at + term.length));
    for (let i = 0; i < term.length; i++) this.chars[at + i] = term.charCodeAt(i);
    this.starts[id + 1] = at + term.length;
    this.hashes[id] = hash;
    if (2 * this.count > this.table.length >> 1) {
      this.table = new Int32Array(this.table.length * 2);
      for (let other = 0; other < this.count; other++) this.place(other);
    } else {
      this.table[2 * cell] = id + 1;
      this.table[2 * cell + 1] = hash;
    }
    return id;
  }

  /** The term of an id, as a new string. */
  term(id: number): string {
    const from = this.starts[id]!;
    const to = this.starts[id + 1]!;
    let s = '';
    for (let at = from; at < to; at += 4096) s += String.fromCharCode(...this.chars.subarray(at, Math.min(to, at + 4096)));
    return s;
  }

  private holds(id: number, term: string): boolean {
    const from = this.starts[id]!;
    if (this.starts[id + 1]! - from !== term.length) return false;
    for (let i = 0; i < term.length; i++) if (this.chars[from + i] !== term.charCodeAt(i)) return false;
    return true;
  }

  private place(id: number): void {
    const mask = (this.table.length >> 1) - 1;
    const hash = this.hashes[id]!;
    let cell = hash & mask;
    while (this.table[2 * cell] !== 0) cell = (cell + 1) & mask;
    this.table[2 * cell] = id + 1;
    this.table[2 * cell + 1] = hash;
  }
}

const tableSizeFor = (count: number): number => {
  let size = 1 << 13;
  while (size < 2 * count) size *= 2;
  return size;
};

/** FNV-1a over UTF-16 code units, with a final avalanche so that linear probing sees well-spread cells. */
const hashOf = (term: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return finish(h);
};

const hashOfRange = (chars: Uint16Array, from: number, to: number): number => {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ chars[i]!, 0x01000193);
  return finish(h);
};

const finish = (x: number): number => {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
};
