import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Words, not substrings: the catalogue's search index holds each text as space-separated words, which
 * the FTS5 table (`porter unicode61`) takes as its tokens. English and other space-delimited scripts
 * are split by the tokenizer itself (and stemmed: "compressors" finds "compressor"); Chinese has no
 * spaces, so jieba segments it first. Indexing adds jieba's search-mode sub-words after the precise
 * segmentation (碳纤维复合材料 is also 纤维, 复合, 材料), so a shorter word of a longer one is found,
 * while phrases are matched on the precise sequence. See docs/decisions/0008.
 */
let segmenter: Jieba | undefined;
const jieba = (): Jieba => (segmenter ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;
/** A token worth indexing or asking for: it has a letter or a digit (punctuation and spaces are not words). */
const WORDLIKE = /[\p{L}\p{N}]/u;

const words = (tokens: readonly string[]) => tokens.map((t) => t.trim()).filter((t) => WORDLIKE.test(t));

/** The precise segmentation of a text (HMM off: only dictionary words and single characters, so a text and a query cut alike). */
const segment = (text: string): string[] => (HAN.test(text) ? words(jieba().cut(text, false)) : [text]);

/** A text as the index stores it: its words in order, then the sub-words of its longer Chinese words. */
export function indexedText(text: string): string {
  const lower = text.toLowerCase();
  if (!HAN.test(lower)) return lower;
  const precise = segment(lower);
  const seen = new Set(precise);
  const extra = words(jieba().cutForSearch(lower, false)).filter((w) => !seen.has(w) && (seen.add(w), true));
  return [...precise, ...extra].join(' ');
}

const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A quoted part of the query (ASCII or Chinese quotation marks), or one of the words between them. */
const PARTS = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/gu;

/**
 * What the user typed, as an FTS5 query: every word must occur (in any order, in any field), a part in
 * quotes must occur as that sequence of words. Each word or phrase is quoted for FTS5, so the user's
 * text is never FTS5 syntax (AND, NEAR, *, column filters). Undefined when nothing in it is a word
 * (only punctuation): such a search finds nothing.
 */
export function searchQuery(input: string): string | undefined {
  const terms: string[] = [];
  for (const m of input.toLowerCase().matchAll(PARTS)) {
    const phrase = m[1] ?? m[2] ?? m[3];
    if (phrase !== undefined) {
      const tokens = segment(phrase);
      if (tokens.length > 0) terms.push(quoted(tokens.join(' ')));
    } else {
      // An unquoted word the user typed as one (降噪压缩机, low-noise) is its words, each required.
      for (const token of segment(m[4]!)) terms.push(quoted(token));
    }
  }
  return terms.length > 0 ? [...new Set(terms)].join(' AND ') : undefined;
}
