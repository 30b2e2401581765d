import { Injectable } from '@nestjs/common';
import { defaultAnalyzer } from '../language/language';
import type { Profile } from '../domain/expert/profile';
import { RegistryQueries } from '../projections/registry/registry.queries';

/** The profile text expert search covers: name, bio and expertise (both languages), skills, domains, certifications. */
export const searchableText = (p: Profile): string =>
  [p.name, p.bio?.en, p.bio?.zh, p.expertise?.en, p.expertise?.zh, ...(p.skills ?? []).map((s) => s.name), ...(p.domains ?? []), ...(p.certifications ?? [])]
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n');

/**
 * Every word of a text, in both languages. Search finds what a profile says, so a negated word
 * ("noise-free") is still a word of it here; phrases are the ranking's, not search's.
 */
const wordsOf = (text: string): string[] => [
  ...new Set(
    defaultAnalyzer()
      .terms(text)
      .map((t) => (t.startsWith('n:') ? t.slice(2) : t))
      .filter((t) => t.startsWith('en:') || t.startsWith('zh:')),
  ),
];

/**
 * The words a query requires, in any order. A Chinese compound is indexed with its inner words too, so
 * the query asks for the inner words (碳纤维复合材料 → 碳纤维, 复合材料) rather than one exact compound.
 */
export function requiredTokens(q: string): string[] {
  const words = wordsOf(q);
  return words.filter((w) => !(w.startsWith('zh:') && words.some((o) => o !== w && o.startsWith('zh:') && w.includes(o.slice(3)))));
}

/**
 * An inverted index of the experts' searchable text, in memory like the ranking index (the personal
 * fields, bio included, are sealed in the read model and opened here with the experts' keys, so they
 * never sit in clear on disk). Fed from the registry projection by its `seq`: a profile change or an
 * erasure is visible to the next search; a projection rebuild starts it over.
 */
@Injectable()
export class ExpertTextIndex {
  private seq = 0;
  private slots = new Map<string, number>();
  private ids: string[] = [];
  private tokensOf: (readonly string[] | undefined)[] = [];
  private postings = new Map<string, Set<number>>();

  constructor(private readonly registry: RegistryQueries) {}

  /** Expert ids whose text has every word of `q`, sorted; undefined when `q` has no word the analyzer keeps. */
  matching(q: string): string[] | undefined {
    const required = requiredTokens(q);
    if (required.length === 0) return undefined;
    this.refresh();
    const lists = required.map((t) => this.postings.get(t) ?? new Set<number>()).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = lists;
    const found: string[] = [];
    for (const slot of smallest!) if (rest.every((l) => l.has(slot))) found.push(this.ids[slot]!);
    return found.sort();
  }

  private refresh(): void {
    if (this.registry.maxSeq() < this.seq) this.clear();
    const changed = this.registry.changedSince(this.seq);
    for (const e of changed.experts) {
      this.remove(e.expertId);
      if (!e.erased) this.add(e.expertId, wordsOf(searchableText(e.profile)));
    }
    this.seq = changed.seq;
  }

  private add(expertId: string, tokens: readonly string[]): void {
    let slot = this.slots.get(expertId);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(expertId);
      this.slots.set(expertId, slot);
    }
    this.tokensOf[slot] = tokens;
    for (const t of tokens) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = new Set()));
      list.add(slot);
    }
  }

  private remove(expertId: string): void {
    const slot = this.slots.get(expertId);
    if (slot === undefined) return;
    for (const t of this.tokensOf[slot] ?? []) this.postings.get(t)?.delete(slot);
    this.tokensOf[slot] = undefined;
  }

  private clear(): void {
    this.seq = 0;
    this.slots = new Map();
    this.ids = [];
    this.tokensOf = [];
    this.postings = new Map();
  }
}
