import { capacityFor, grown } from './growable';

/**
 * Every term's postings in a few large pages of int32, with no object or typed array per term: a term's
 * list is a chain of blocks [next, capacity, used, (slot, value)*], each twice the size of the one before
 * (up to MAX_BLOCK entries), so a rare term costs a few bytes and a common one a few dozen blocks.
 * Entries are appended in slot order (slots only grow), so each list is sorted by slot.
 */
const PAGE_BITS = 20;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;
const HEADER = 3;
const FIRST_BLOCK = 2;
const MAX_BLOCK = 4096;

/** A run of postings: data[from], data[from + 1] is (slot, value), then from += 2 while from < to. */
export interface PostingBlock {
  readonly data: Int32Array;
  readonly from: number;
  readonly to: number;
}

export interface PostingPoolState {
  readonly pages: Int32Array[];
  readonly end: number;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly count: Int32Array;
}

export class PostingPool {
  private pages: Int32Array[] = [];
  /** Address (page << PAGE_BITS | offset) where the next block goes. */
  private end = 0;
  private head: Int32Array = new Int32Array(0);
  private tail: Int32Array = new Int32Array(0);
  private counts: Int32Array = new Int32Array(0);

  static from(state: PostingPoolState): PostingPool {
    const pool = new PostingPool();
    pool.pages = state.pages;
    pool.end = state.end;
    pool.head = state.head;
    pool.tail = state.tail;
    pool.counts = state.count;
    return pool;
  }

  /** The pool's arrays (the last page cut to what is used): what a snapshot writes. */
  state(): PostingPoolState {
    const pages = this.pages.map((p, i) => (i === this.pages.length - 1 ? p.subarray(0, this.end & PAGE_MASK) : p));
    return { pages, end: this.end, head: this.head, tail: this.tail, count: this.counts };
  }

  /** Entries of a term (retired slots included). */
  count(term: number): number {
    return term < this.counts.length ? this.counts[term]! : 0;
  }

  append(term: number, slot: number, value: number): void {
    if (term >= this.head.length) {
      const size = capacityFor(this.head.length, term + 1);
      this.head = grown(this.head, size, -1);
      this.tail = grown(this.tail, size, -1);
      this.counts = grown(this.counts, size);
    }
    let at = this.tail[term]!;
    if (at === -1) {
      at = this.allocate(FIRST_BLOCK);
      this.head[term] = this.tail[term] = at;
    } else {
      const page = this.pages[at >>> PAGE_BITS]!;
      const o = at & PAGE_MASK;
      if (page[o + 2] === page[o + 1]) {
        const next = this.allocate(Math.min(MAX_BLOCK, page[o + 1]! * 2));
        page[o] = next;
        this.tail[term] = at = next;
      }
    }
    const page = this.pages[at >>> PAGE_BITS]!;
    const o = at & PAGE_MASK;
    const used = page[o + 2]!;
    page[o + HEADER + 2 * used] = slot;
    page[o + HEADER + 2 * used + 1] = value;
    page[o + 2] = used + 1;
    this.counts[term]!++;
  }

  /** The term's postings as runs over the pages (few: blocks double in size), in slot order. */
  blocks(term: number): PostingBlock[] {
    const out: PostingBlock[] = [];
    for (let at = term < this.head.length ? this.head[term]! : -1; at !== -1; ) {
      const data = this.pages[at >>> PAGE_BITS]!;
      const o = at & PAGE_MASK;
      out.push({ data, from: o + HEADER, to: o + HEADER + 2 * data[o + 2]! });
      at = data[o]!;
    }
    return out;
  }

  private allocate(capacity: number): number {
    const size = HEADER + 2 * capacity;
    let page = this.end >>> PAGE_BITS;
    let offset = this.end & PAGE_MASK;
    if (this.pages.length === 0 || offset + size > PAGE_SIZE) {
      if (this.pages.length > 0) page++;
      offset = 0;
    }
    if (page >= this.pages.length) this.pages.push(new Int32Array(PAGE_SIZE));
    else if (offset + size > this.pages[page]!.length) this.pages[page] = grown(this.pages[page]!, PAGE_SIZE);
    const at = (page << PAGE_BITS) | offset;
    const data = this.pages[page]!;
    data[offset] = -1;
    data[offset + 1] = capacity;
    data[offset + 2] = 0;
    this.end = at + size;
    return at;
  }
}
