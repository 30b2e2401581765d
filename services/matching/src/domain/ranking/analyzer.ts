/**
 * One analyzer for profiles and demands, so both sides produce the same terms:
 * - Chinese runs: words from a real segmenter (jieba, behind the `Segmenter` port), the long words and
 *   the shorter words inside them (碳纤维复合材料: 碳纤维, 复合材料, 纤维, 复合, 材料), so a specific
 *   compound matches exactly and a generic part matches weakly (its idf is low);
 * - Latin runs: lower-case stems, stop words dropped;
 * - phrases: `p:a_b` for two adjacent words of either language (振动/控制, low/noise), so a phrase
 *   boosts while its words still count;
 * - negation: "X-free", "non-X", "without X", "no X", 无X, 不含X, 不用X, 非X give `n:X` and never X itself,
 *   so a silver-free demand does not meet silver experts as if it wanted silver.
 * Term prefixes keep the kinds apart: `en:` stem, `zh:` word, `p:` phrase, `n:` negated word.
 */
import type { Lexicon } from './lexicon';
import { stem, STOP_EN, STOP_ZH } from './stem';

export interface Segmenter {
  /** The words of a run of Chinese, in order (jieba's precise mode). */
  cut(run: string): string[];
  /** Long words and the shorter words inside them (jieba's search mode). */
  cutForSearch(run: string): string[];
}

export interface Language {
  readonly segmenter: Segmenter;
  readonly lexicon: Lexicon;
}

/** A word of a text in reading order, with the words inside it and the phrases of its parts, and the word a phrase joins it to. */
interface Unit {
  readonly term: string;
  readonly inner: readonly string[];
  readonly partPhrases: readonly string[];
  readonly next?: string;
}

/** What a Chinese word holds inside: its inner words and the phrases of its listed parts (shared, never modified). */
interface Inside {
  readonly inner: readonly string[];
  readonly partPhrases: readonly string[];
}
const NOTHING_INSIDE: Inside = { inner: [], partPhrases: [] };

/** One word in reading order: its term, and whether a negation governs it. */
interface Word {
  readonly term: string;
  readonly negated: boolean;
}

const SEGMENT_BREAK = /[.,;:!?()[\]{}"\n\r\t/|，。；：！？（）、「」《》【】“”‘’…]+/;
const PIECE = /[\u3400-\u9fff]+|[a-z0-9][a-z0-9+#]*(?:-[a-z0-9+#]+)*/g;
const CJK = /^[\u3400-\u9fff]/;
const EN_NEGATORS = new Set(['without', 'no', 'non', 'not', 'free']);
/** Prefixes that negate the rest of a word (无铅: lead-free) unless the whole word is a lexicon entry (无线: wireless). */
const ZH_NEGATING_PREFIXES = ['无', '非', '免'];

export const zhTerm = (w: string) => `zh:${w}`;
export const enTerm = (s: string) => `en:${s}`;
export const phraseTerm = (a: string, b: string) => `p:${a}_${b}`;
export const negatedTerm = (term: string) => `n:${term}`;
const bare = (term: string) => term.slice(term.indexOf(':') + 1);

export class Analyzer {
  constructor(readonly language: Language) {}

  /** Words of one segment (no punctuation inside), in order, with negation resolved. */
  private words(segment: string): Word[] {
    const out: Word[] = [];
    let negateNext = false;
    const push = (term: string) => {
      out.push({ term, negated: negateNext });
      negateNext = false;
    };
    for (const piece of segment.match(PIECE) ?? []) {
      if (CJK.test(piece)) {
        // 不含X / 不用X / 不使用X say what 无X says: one negation rule for all of them.
        for (const w of this.language.segmenter.cut(piece.replace(/不使用|不含|不用/g, '无'))) {
          if (w === '无' || w === '非') {
            negateNext = true;
            continue;
          }
          const prefix = ZH_NEGATING_PREFIXES.find((p) => w.startsWith(p) && w.length > p.length);
          if (prefix && !this.language.lexicon.has(w)) {
            negateNext = true;
            push(zhTerm(w.slice(prefix.length)));
            continue;
          }
          if (STOP_ZH.has(w)) continue;
          push(zhTerm(w));
        }
        continue;
      }
      const parts = piece.split('-');
      if (parts.length > 1 && parts[parts.length - 1] === 'free') {
        for (const part of parts.slice(0, -1)) if (!STOP_EN.has(part)) out.push({ term: enTerm(stem(part)), negated: true });
        continue;
      }
      if (parts.length > 1 && parts[0] === 'non') {
        for (const part of parts.slice(1)) if (!STOP_EN.has(part)) out.push({ term: enTerm(stem(part)), negated: true });
        continue;
      }
      for (const part of parts) {
        if (EN_NEGATORS.has(part) && part !== 'free') {
          negateNext = true;
          continue;
        }
        if (STOP_EN.has(part)) continue;
        push(enTerm(stem(part)));
      }
    }
    return out;
  }

  /**
   * The text's units in reading order: each word with its inner words (search mode for Chinese, and
   * one-character parts) and the phrases of its listed parts; whether a phrase joins it to the next
   * word; and the negated words.
   */
  private analyse(text: string): { units: Unit[]; negated: string[] } {
    const units: Unit[] = [];
    const negated: string[] = [];
    for (const segment of text.normalize('NFKC').toLowerCase().split(SEGMENT_BREAK)) {
      if (segment.trim() === '') continue;
      const ws = this.words(segment);
      ws.forEach((w, i) => {
        if (w.negated) {
          negated.push(w.term);
          return;
        }
        const { inner, partPhrases } = w.term.startsWith('zh:') && bare(w.term).length > 2 ? this.insideOf(bare(w.term)) : NOTHING_INSIDE;
        const next = ws[i + 1];
        units.push({ term: w.term, inner, partPhrases, ...(next && !next.negated ? { next: next.term } : {}) });
      });
    }
    return { units, negated };
  }

  /** A word's inner terms depend on the word alone, and words repeat across profiles far more than texts do: kept, up to WORDS_KEPT. */
  private readonly inside = new Map<string, Inside>();

  /** The words inside a Chinese word of more than two characters (search mode, one-character parts) and the phrases of its listed parts. */
  private insideOf(word: string): Inside {
    const cached = this.inside.get(word);
    if (cached) return cached;
    const inner: string[] = [];
    const partPhrases: string[] = [];
    for (const x of this.language.segmenter.cutForSearch(word)) {
      if (x !== word && x.length > 1 && !STOP_ZH.has(x)) inner.push(zhTerm(x));
    }
    // The word as a phrase of its listed parts (碳纤维: 碳 纤维), which is how an English phrase translated word by word meets it.
    const parts = this.parts(word);
    for (let k = 0; k + 1 < parts.length; k++) partPhrases.push(phraseTerm(parts[k]!, parts[k + 1]!));
    // A one-character part is a word of its own too (反渗透膜: 膜, membrane); longer ones came from the search mode.
    for (const part of parts) if (part.length === 1 && !STOP_ZH.has(part)) inner.push(zhTerm(part));
    const found: Inside = { inner, partPhrases };
    if (this.inside.size >= WORDS_KEPT) this.inside.clear();
    this.inside.set(word, found);
    return found;
  }

  /**
   * Short texts (skill names, domain labels) repeat across profiles: their terms are kept, up to TEXTS_KEPT of
   * them. The expert index keeps its profiles' labels itself, so this serves queries and the other indexes;
   * 100,000 kept here held ~40 MB of a 200k-profile build, mostly short profile texts never seen again.
   */
  private readonly cache = new Map<string, readonly string[]>();

  /** The terms a profile field is indexed under, with repeats (term frequency counts them). */
  terms(text: string): readonly string[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const { units, negated } = this.analyse(text);
    // Words with their inner words, then phrases, then negated words: pushed into one array (the spreads and
    // flatMaps they replace made several arrays per unit, a good part of a 200k-profile build's garbage).
    const terms: string[] = [];
    for (const u of units) {
      terms.push(u.term);
      for (const t of u.inner) terms.push(t);
    }
    for (const u of units) {
      for (const t of u.partPhrases) terms.push(t);
      if (u.next) terms.push(phraseTerm(bare(u.term), bare(u.next)));
    }
    for (const n of negated) terms.push(negatedTerm(n));
    if (text.length <= CACHED_TEXT_LENGTH) {
      if (this.cache.size >= TEXTS_KEPT) this.cache.clear();
      this.cache.set(text, terms);
    }
    return terms;
  }

  /**
   * A demand's text as weighted clauses (see `QueryPlan`). One concept, one clause: a word of the text
   * (or a phrase the other language says in one word) is worth 1, met by its own form, its translations
   * and the phrase of its listed parts; the words inside it (换热器: 换热, 热, 器; stainless steel: stainless,
   * steel) are its parts and together worth PART_SHARE of it, so a profile holding one compound does not
   * score it once per part. A phrase of two adjacent words adds PHRASE_WEIGHT on top of its words.
   */
  plan(text: string): QueryPlan {
    const { units, negated } = this.analyse(text);
    const negatedSet = new Set(negated);
    const phrases = units.flatMap((u, i) => (u.next ? [{ term: phraseTerm(bare(u.term), bare(u.next)), words: [u.term, u.next], at: i }] : []));
    const phraseForms = new Map(phrases.map((ph) => [ph.term, this.phraseTranslations(ph.term)]));
    // A phrase the other language says in one word (flame retardant: 阻燃) is a concept of its own; its words become its parts.
    const lexicalised = phrases.filter((ph) => phraseForms.get(ph.term)!.some((t) => t.term.startsWith('zh:')));
    const covered = new Set(lexicalised.flatMap((ph) => [ph.at, ph.at + 1]));
    const standalone = new Set(units.filter((_, i) => !covered.has(i)).map((u) => u.term));
    const partWeight = new Map<string, number>();
    const part = (term: string, share: number) => partWeight.set(term, Math.max(partWeight.get(term) ?? 0, share));
    for (const u of units) {
      const inner = [...new Set(u.inner)];
      for (const x of inner) part(x, PART_SHARE / inner.length);
    }
    for (const ph of lexicalised) for (const w of ph.words) part(w, PART_SHARE / ph.words.length);

    const clauses: Clause[] = [];
    const seen = new Set<string>();
    const word = (kind: 'word' | 'part', term: string, weight: number, extra: readonly Alternative[] = []) => {
      if (seen.has(term) || negatedSet.has(term)) return;
      seen.add(term);
      clauses.push({ kind, source: bare(term), weight, alternatives: [{ term, weight: 1 }, ...this.weightedTranslations(term), ...extra] });
    };
    for (const u of units) if (standalone.has(u.term)) word('word', u.term, 1, u.partPhrases.map((t) => ({ term: t, weight: 1 })));
    for (const ph of lexicalised) {
      if (seen.has(ph.term)) continue;
      seen.add(ph.term);
      clauses.push({ kind: 'word', source: bare(ph.term).replace('_', ' '), weight: 1, alternatives: [{ term: ph.term, weight: 1 }, ...phraseForms.get(ph.term)!] });
    }
    for (const [term, weight] of partWeight) if (!standalone.has(term)) word('part', term, weight);
    for (const ph of phrases) {
      if (seen.has(ph.term)) continue;
      seen.add(ph.term);
      clauses.push({ kind: 'phrase', source: bare(ph.term).replace('_', ' '), weight: PHRASE_WEIGHT, alternatives: [{ term: ph.term, weight: 1 }, ...phraseForms.get(ph.term)!] });
    }
    const penalties = new Set<string>();
    for (const term of negatedSet) {
      const forms = [{ term, weight: 1 }, ...this.weightedTranslations(term)];
      clauses.push({ kind: 'negated', source: `-${bare(term)}`, weight: 1, alternatives: forms.map((f) => ({ term: negatedTerm(f.term), weight: f.weight })) });
      for (const f of forms) penalties.add(f.term);
    }
    return { clauses, penalties: [...penalties] };
  }

  /** The other language's forms of a word: CC-CEDICT glosses of a Chinese word, Chinese words glossed by an English one. */
  translations(term: string): string[] {
    return this.weightedTranslations(term).map((a) => a.term);
  }

  /**
   * The other language's forms of a word, each weighted below the word itself (TRANSLATION_WEIGHT) and
   * by how ambiguous its bridge is (`bridgeWeight`): 机 (machine, engine, opportunity, intention,
   * aircraft...) is a weak bridge to any of its glosses, 聚氨酯 (polyurethane) a strong one.
   */
  weightedTranslations(term: string): Alternative[] {
    const { lexicon } = this.language;
    const word = bare(term);
    if (term.startsWith('en:')) return lexicon.zhFor(word).map((zh) => translated(zhTerm(zh), this.senses(zh)));
    const listed = lexicon.glosses(word);
    if (!listed) return this.composed(word);
    const out: Alternative[] = [];
    for (const g of listed) {
      const forms = g.length === 1 ? [enTerm(g[0]!)] : g.slice(1).map((x, i) => phraseTerm(g[i]!, x));
      for (const f of forms) out.push(translated(f, listed.length));
    }
    return uniqueForms(out).slice(0, MAX_TRANSLATIONS);
  }

  /** How many senses CC-CEDICT gives a Chinese word (1 if it is not listed). */
  private senses(zh: string): number {
    return this.language.lexicon.glosses(zh)?.length ?? 1;
  }

  /**
   * A phrase's forms in the other language: single words glossed by the whole phrase (flame retardant:
   * 阻燃), and the phrase word by word through every pair of the two words' senses (反 渗透: reverse
   * osmosis, where reverse is 反's second gloss), each pair as weak as its two bridges together.
   */
  private phraseTranslations(term: string): Alternative[] {
    const [a, b] = bare(term).split('_') as [string, string];
    const { lexicon } = this.language;
    if (CJK.test(a)) {
      const whole = lexicon.glosses(a + b)?.filter((g) => g.length === 2).map((g) => translated(phraseTerm(g[0]!, g[1]!), this.senses(a + b))) ?? [];
      return uniqueForms([...whole, ...senses2(this.singleWords(zhTerm(a)), this.singleWords(zhTerm(b)))]);
    }
    const compounds = lexicon.zhFor(`${a} ${b}`).map((zh) => translated(zhTerm(zh), this.senses(zh)));
    return uniqueForms([...compounds, ...senses2(this.weightedTranslations(enTerm(a)), this.weightedTranslations(enTerm(b)))]);
  }

  /** A Chinese word's one-word English forms (the first MAX_PAIRED_SENSES), for phrases translated word by word. */
  private singleWords(term: string): Alternative[] {
    return this.weightedTranslations(term)
      .filter((t) => t.term.startsWith('en:'))
      .slice(0, MAX_PAIRED_SENSES);
  }

  /** A word cut into the longest prefixes CC-CEDICT lists (碳纤维: 碳, 纤维; 复合材料: 复合, 材料); empty if a part is not listed. */
  private parts(word: string): string[] {
    const { lexicon } = this.language;
    const parts: string[] = [];
    for (let i = 0; i < word.length; ) {
      let len = Math.min(4, word.length - i - (i === 0 ? 1 : 0));
      while (len > 0 && !lexicon.has(word.slice(i, i + len))) len--;
      if (len === 0) return [];
      parts.push(word.slice(i, i + len));
      i += len;
    }
    return parts;
  }

  /**
   * English forms of a word CC-CEDICT lacks, from its longest listed prefixes: each two adjacent parts
   * as a phrase through their senses (碳纤维: carbon fiber; 反渗透膜: reverse osmosis, osmosis membrane).
   */
  private composed(word: string): Alternative[] {
    const parts = this.parts(word);
    if (parts.length < 2 || parts.length > 3) return [];
    return uniqueForms(parts.slice(1).flatMap((b, i) => senses2(this.singleWords(zhTerm(parts[i]!)), this.singleWords(zhTerm(b)))));
  }
}

/** What a translated form is worth beside the form the demand used. */
export const TRANSLATION_WEIGHT = 0.8;
/** A phrase matched adds this much of a word's worth on top of its words. */
export const PHRASE_WEIGHT = 0.5;
/** The words inside a concept (a compound's inner words, a lexicalised phrase's words) are together worth this share of it. */
export const PART_SHARE = 0.5;
/** Each sense beyond the first weakens a dictionary bridge by this much (see `bridgeWeight`). */
export const AMBIGUITY = 0.2;

/** What a translation is worth through an entry of `senses` senses: TRANSLATION_WEIGHT for one sense, falling with each further one. */
export const bridgeWeight = (senses: number): number => TRANSLATION_WEIGHT / (1 + AMBIGUITY * (Math.max(1, senses) - 1));
const translated = (term: string, senses: number): Alternative => ({ term, weight: bridgeWeight(senses) });
/** Per word, how many of its senses are paired when a phrase is translated word by word. */
const MAX_PAIRED_SENSES = 4;
/** Two words' forms paired into phrases: each pair worth the product of its bridges, relative to one plain translation. */
const senses2 = (as: readonly Alternative[], bs: readonly Alternative[]): Alternative[] =>
  as.slice(0, MAX_PAIRED_SENSES).flatMap((x) => bs.slice(0, MAX_PAIRED_SENSES).map((y) => ({ term: phraseTerm(bare(x.term), bare(y.term)), weight: (x.weight * y.weight) / TRANSLATION_WEIGHT })));
/** The first of each form (the lists come best first). */
const uniqueForms = (forms: readonly Alternative[]): Alternative[] => {
  const seen = new Set<string>();
  return forms.filter((f) => !seen.has(f.term) && seen.add(f.term) !== undefined);
};
const MAX_TRANSLATIONS = 6;
const CACHED_TEXT_LENGTH = 40;
const TEXTS_KEPT = 20_000;
const WORDS_KEPT = 100_000;

export interface Alternative {
  readonly term: string;
  readonly weight: number;
}

/**
 * One unit of a demand's meaning: a word, a phrase or a negated word, met by any of its alternatives
 * (its own form or a translation). A profile scores a clause by its best alternative, so a word with
 * four translations is not worth four words.
 */
export interface Clause {
  /** `part`: a word inside a concept of the demand (a compound's inner word), worth a share of it. */
  readonly kind: 'word' | 'part' | 'phrase' | 'negated';
  /** The demand's own form, for explanations. */
  readonly source: string;
  readonly weight: number;
  readonly alternatives: readonly Alternative[];
}

export interface QueryPlan {
  readonly clauses: readonly Clause[];
  /** Words the demand negated (and their translations): a profile that holds them is penalised. */
  readonly penalties: readonly string[];
}
