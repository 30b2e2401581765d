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

  /** Words and their inner words (search mode for Chinese), phrases of adjacent words, negated words. */
  private analyse(text: string): { words: string[]; phrases: string[]; negated: string[] } {
    const words: string[] = [];
    const phrases: string[] = [];
    const negated: string[] = [];
    for (const segment of text.normalize('NFKC').toLowerCase().split(SEGMENT_BREAK)) {
      if (segment.trim() === '') continue;
      const ws = this.words(segment);
      ws.forEach((w, i) => {
        if (w.negated) {
          negated.push(w.term);
          return;
        }
        words.push(w.term);
        if (w.term.startsWith('zh:') && bare(w.term).length > 2) {
          const word = bare(w.term);
          for (const inner of this.language.segmenter.cutForSearch(word)) {
            if (inner !== word && inner.length > 1 && !STOP_ZH.has(inner)) words.push(zhTerm(inner));
          }
          // The word as a phrase of its listed parts (碳纤维: 碳 纤维), which is how an English phrase translated word by word meets it.
          const parts = this.parts(word);
          for (let k = 0; k + 1 < parts.length; k++) phrases.push(phraseTerm(parts[k]!, parts[k + 1]!));
          // A one-character part is a word of its own too (反渗透膜: 膜, membrane); longer ones came from the search mode.
          for (const part of parts) if (part.length === 1 && !STOP_ZH.has(part)) words.push(zhTerm(part));
        }
        const next = ws[i + 1];
        if (next && !next.negated) phrases.push(phraseTerm(bare(w.term), bare(next.term)));
      });
    }
    return { words, phrases, negated };
  }

  /** Short texts (skill names, domain labels) repeat across profiles: their terms are kept, up to CACHE_SIZE of them. */
  private readonly cache = new Map<string, readonly string[]>();

  /** The terms a profile field is indexed under, with repeats (term frequency counts them). */
  terms(text: string): readonly string[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const { words, phrases, negated } = this.analyse(text);
    const terms = [...words, ...phrases, ...negated.map(negatedTerm)];
    if (text.length <= CACHED_TEXT_LENGTH) {
      if (this.cache.size >= CACHE_SIZE) this.cache.clear();
      this.cache.set(text, terms);
    }
    return terms;
  }

  /** A demand's text as weighted clauses (see `QueryPlan`). */
  plan(text: string): QueryPlan {
    const { words, phrases, negated } = this.analyse(text);
    const negatedSet = new Set(negated);
    const clauses: Clause[] = [];
    const seen = new Set<string>();
    for (const term of words) {
      if (seen.has(term) || negatedSet.has(term)) continue;
      seen.add(term);
      clauses.push({ kind: 'word', source: bare(term), weight: 1, alternatives: [{ term, weight: 1 }, ...this.translations(term).map((t) => ({ term: t, weight: TRANSLATION_WEIGHT }))] });
    }
    for (const term of phrases) {
      if (seen.has(term)) continue;
      seen.add(term);
      const translations = this.phraseTranslations(term);
      // A phrase the other language says in one word (flame retardant: 阻燃) is a term of its own, worth a word.
      const lexicalised = translations.some((t) => t.startsWith('zh:'));
      clauses.push({
        kind: lexicalised ? 'word' : 'phrase',
        source: bare(term).replace('_', ' '),
        weight: lexicalised ? 1 : PHRASE_WEIGHT,
        alternatives: [{ term, weight: 1 }, ...translations.map((t) => ({ term: t, weight: TRANSLATION_WEIGHT }))],
      });
    }
    const penalties = new Set<string>();
    for (const term of negatedSet) {
      const forms = [term, ...this.translations(term)];
      clauses.push({ kind: 'negated', source: `-${bare(term)}`, weight: 1, alternatives: forms.map((t, i) => ({ term: negatedTerm(t), weight: i === 0 ? 1 : TRANSLATION_WEIGHT })) });
      for (const f of forms) penalties.add(f);
    }
    return { clauses, penalties: [...penalties] };
  }

  /** The other language's forms of a word: CC-CEDICT glosses of a Chinese word, Chinese words glossed by an English one. */
  translations(term: string): string[] {
    const { lexicon } = this.language;
    const word = bare(term);
    if (term.startsWith('en:')) return lexicon.zhFor(word).map(zhTerm);
    const glosses = lexicon.glosses(word) ?? this.composed(word);
    const out: string[] = [];
    for (const g of glosses) {
      if (g.length === 1) out.push(enTerm(g[0]!));
      else for (let i = 0; i + 1 < g.length; i++) out.push(phraseTerm(g[i]!, g[i + 1]!));
    }
    return [...new Set(out)].slice(0, MAX_TRANSLATIONS);
  }

  /** A phrase's forms in the other language: the word-by-word phrase, and single words glossed by the whole phrase. */
  private phraseTranslations(term: string): string[] {
    const [a, b] = bare(term).split('_') as [string, string];
    const { lexicon } = this.language;
    if (CJK.test(a)) {
      const first = (w: string) => (lexicon.glosses(w) ?? this.composed(w)).find((g) => g.length === 1)?.[0];
      const [ea, eb] = [first(a), first(b)];
      const whole = lexicon.glosses(a + b)?.filter((g) => g.length === 2).map((g) => phraseTerm(g[0]!, g[1]!)) ?? [];
      return [...(ea && eb ? [phraseTerm(ea, eb)] : []), ...whole];
    }
    const compounds = lexicon.zhFor(`${a} ${b}`).map(zhTerm);
    const [za, zb] = [lexicon.zhFor(a)[0], lexicon.zhFor(b)[0]];
    return [...compounds, ...(za && zb ? [phraseTerm(za, zb)] : [])];
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

  /** Glosses of a word CC-CEDICT lacks, word by word from its longest listed prefixes (碳纤维: carbon fiber). */
  private composed(word: string): string[][] {
    const { lexicon } = this.language;
    const parts = this.parts(word);
    if (parts.length < 2 || parts.length > 3) return [];
    const firsts = parts.map((p) => lexicon.glosses(p)!.find((g) => g.length === 1)?.[0]);
    return firsts.every((f): f is string => f !== undefined) ? [firsts] : [];
  }
}

/** What a translated form is worth beside the form the demand used. */
export const TRANSLATION_WEIGHT = 0.8;
/** A phrase matched adds this much of a word's worth on top of its words. */
export const PHRASE_WEIGHT = 0.5;
const MAX_TRANSLATIONS = 6;
const CACHED_TEXT_LENGTH = 40;
const CACHE_SIZE = 100_000;

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
  readonly kind: 'word' | 'phrase' | 'negated';
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
