import { Injectable } from '@nestjs/common';
import { tokenize } from '../domain/ranking/tokenize';
import type { Profile } from '../domain/expert/profile';
import { RegistryQueries } from '../projections/registry/registry.queries';

/** The profile text expert search covers: name, bio and expertise (both languages), skills, domains, certifications. */
export const searchableText = (p: Profile): string =>
  [p.name, p.bio?.en, p.bio?.zh, p.expertise?.en, p.expertise?.zh, ...(p.skills ?? []).map((s) => s.name), ...(p.domains ?? []), ...(p.certifications ?? [])]
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n');

/**
 * The tokens a query requires: every word (English stems, Chinese character bigrams), in any order.
 * Concepts (`c:`) are extras of the analyzer, and dictionary words (`zh:`) depend on the text around
 * them, so a Chinese query is held to its bigrams, which do not.
 */
export function requiredTokens(q: string): string[] {
  const tokens = [...new Set(tokenize(q))].filter((t) => !t.startsWith('c:'));
  return tokens.some((t) => t.startsWith('zh2:')) ? tokens.filter((t) => !t.startsWith('zh:')) : tokens;
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
      if (!e.erased) this.add(e.expertId, [...new Set(tokenize(searchableText(e.profile)))]);
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
