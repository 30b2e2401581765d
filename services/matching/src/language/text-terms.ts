import { defaultAnalyzer } from './language';

/**
 * Plain word terms of a text for the indexes beside the experts' ranking (resources): the same analyzer
 * (jieba for Chinese, stems for English, negation resolved), words only — phrases and negated words are
 * the experts' ranking's own refinements. Repeats are kept (term frequency counts them).
 */
export const textTerms = (text: string): string[] => defaultAnalyzer().terms(text).filter((t) => t.startsWith('en:') || t.startsWith('zh:'));

/** A query's terms: its words and their other-language forms from CC-CEDICT, so a Chinese demand meets an English resource and back. */
export function queryTerms(text: string): string[] {
  const analyzer = defaultAnalyzer();
  const words = [...new Set(textTerms(text))];
  return [...new Set([...words, ...words.flatMap((w) => analyzer.translations(w))])];
}

/** A term as a person reads it (`zh:振动` → 振动). */
export const displayTerm = (term: string): string => term.slice(term.indexOf(':') + 1);
