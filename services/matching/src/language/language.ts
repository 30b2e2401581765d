/**
 * The language resources of the ranking, loaded once per process and only when first asked for:
 * jieba's segmenter with its shipped dictionary, and the CC-CEDICT file shipped in the
 * `chinese-tokenizer` package (CC BY-SA 4.0). Both come from installed packages: nothing downloads at
 * install or run time. See docs/decisions/0021-ranking-text-qualifies.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Analyzer, type Language } from '../domain/ranking/analyzer';
import { buildLexicon } from '../domain/ranking/lexicon';
import { LEXICON_OVERRIDES } from './lexicon-overrides';

export const cedictPath = (): string => join(dirname(require.resolve('chinese-tokenizer/package.json')), 'tests/cedict_ts.u8');

let language: Language | undefined;
let analyzer: Analyzer | undefined;

export function loadLanguage(): Language {
  if (!language) {
    const jieba = Jieba.withDict(dict);
    const counts = new Map<string, number>();
    for (const line of new TextDecoder().decode(dict).split('\n')) {
      const [word, count] = line.split(' ');
      if (word && count) counts.set(word, Number(count));
    }
    const lexicon = buildLexicon(`${readFileSync(cedictPath(), 'utf8')}\n${LEXICON_OVERRIDES}`, (w) => counts.get(w) ?? 0);
    language = { segmenter: { cut: (run) => jieba.cut(run, false), cutForSearch: (run) => jieba.cutForSearch(run, false) }, lexicon };
  }
  return language;
}

/** The analyzer every index of this process shares (the resources take about a second to load). */
export function defaultAnalyzer(): Analyzer {
  return (analyzer ??= new Analyzer(loadLanguage()));
}
