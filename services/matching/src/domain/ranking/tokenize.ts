import { GLOSSARY, ZH_WORDS } from './glossary';

/**
 * One analyzer for documents and queries, so both sides always produce the same tokens:
 * - Chinese runs: character bigrams (robust to unknown words) plus dictionary words by forward
 *   maximum matching (precise for known terms); not Intl.Segmenter, whose output depends on context.
 * - Latin runs: lowercase words, stop words dropped, light suffix stemming.
 * - Concepts: `c:<concept>` for every glossary form found, in either language.
 * Token prefixes keep the kinds apart: `zh2:` bigram, `zh:` word, `en:` stem, `c:` concept.
 */

const CJK_RUN = /[\u3400-\u9fff]+/g;
const LATIN_WORD = /[a-z0-9]+(?:[+#][a-z0-9+#]*)?/g;
const STOP = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with', 'we', 'our', 'i', 'my']);

const ZH_DICT = new Set([...GLOSSARY.flatMap((g) => g.zh), ...ZH_WORDS]);
const ZH_MAX = Math.max(...[...ZH_DICT].map((w) => w.length));

/** Zh surface form -> concept; English forms are matched on stemmed word sequences. */
const ZH_CONCEPT = new Map(GLOSSARY.flatMap((g) => g.zh.map((z) => [z, g.concept] as const)));

/** Light stemming: enough to meet "compressors"/"compressor", "controlled"/"control"; never below 3 letters. */
export const stem = (word: string): string => {
  for (const [suffix, replacement] of [['ies', 'y'], ['ing', ''], ['ed', ''], ['es', ''], ['s', ''], ['ly', '']] as const) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3 && !word.endsWith('ss')) return word.slice(0, -suffix.length) + replacement;
  }
  return word;
};

const EN_CONCEPTS: { concept: string; stems: string[] }[] = GLOSSARY.flatMap((g) => g.en.map((form) => ({ concept: g.concept, stems: form.split(' ').map(stem) })));

/** Forward maximum matching against the dictionary; characters that start no word are skipped (bigrams cover them). */
export const segmentChinese = (run: string): string[] => {
  const words: string[] = [];
  for (let i = 0; i < run.length; ) {
    let len = Math.min(ZH_MAX, run.length - i);
    while (len > 1 && !ZH_DICT.has(run.slice(i, i + len))) len--;
    const w = run.slice(i, i + len);
    if (len > 1 || ZH_DICT.has(w)) words.push(w);
    i += len;
  }
  return words;
};

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const lower = text.toLowerCase();
  for (const run of lower.match(CJK_RUN) ?? []) {
    if (run.length === 1) tokens.push(`zh2:${run}`);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(`zh2:${run.slice(i, i + 2)}`);
    for (const w of segmentChinese(run)) {
      tokens.push(`zh:${w}`);
      const concept = ZH_CONCEPT.get(w);
      if (concept) tokens.push(`c:${concept}`);
    }
  }
  const stems = (lower.replace(CJK_RUN, ' ').match(LATIN_WORD) ?? []).filter((w) => !STOP.has(w)).map(stem);
  for (const s of stems) tokens.push(`en:${s}`);
  for (const { concept, stems: form } of EN_CONCEPTS) {
    for (let i = 0; i + form.length <= stems.length; i++) {
      if (form.every((f, j) => stems[i + j] === f)) tokens.push(`c:${concept}`);
    }
  }
  return tokens;
}

/** What a token looks like to a reader of an explanation. */
export const displayToken = (t: string): string => t.slice(t.indexOf(':') + 1);
