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
import { buildLexicon, buildLexiconInTurns, type Lexicon } from '../domain/ranking/lexicon';
import { LEXICON_OVERRIDES } from './lexicon-overrides';

export const cedictPath = (): string => join(dirname(require.resolve('chinese-tokenizer/package.json')), 'tests/cedict_ts.u8');

let language: Language | undefined;
let analyzer: Analyzer | undefined;

export function loadLanguage(): Language {
  if (!language) {
    const counts = jiebaCounts();
    language = languageOf(buildLexicon(cedictText(), (w) => counts.get(w) ?? 0));
  }
  return language;
}

/**
 * The same resources as `loadLanguage`, loaded a few thousand dictionary lines per turn of the event loop
 * (`setImmediate` between them), so a service sharing the loop keeps answering while they load (about a
 * second and a half of CPU), jieba's own dictionary included (`jiebaInTurns`).
 */
export async function loadLanguageInTurns(): Promise<Language> {
  if (language) return language;
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  const lines = new TextDecoder().decode(dict).split('\n');
  const counts = await jiebaCountsInTurns(lines, pause);
  const text = cedictText();
  await pause();
  const lexicon = await buildLexiconInTurns(text, (w) => counts.get(w) ?? 0, pause);
  const jieba = await jiebaInTurns(lines, pause);
  // A caller that could not wait may have loaded them meanwhile: one language per process.
  return (language ??= languageOf(lexicon, jieba));
}

/** Dictionary lines jieba loads per turn: a few ms each, ~100 ms at worst when its trie grows (`withDict` held the loop 0.3-1.2 s). */
const JIEBA_LINES_PER_TURN = 5_000;

/**
 * jieba with its shipped dictionary, loaded JIEBA_LINES_PER_TURN lines per turn: `loadDict` adds lines to
 * what is loaded, so the segmenter cuts as the one `withDict` makes (language-in-turns.unit.spec.ts).
 */
export async function jiebaInTurns(lines: readonly string[], pause: () => Promise<void>): Promise<Jieba> {
  const jieba = new Jieba();
  for (let i = 0; i < lines.length; i += JIEBA_LINES_PER_TURN) {
    jieba.loadDict(Buffer.from(`${lines.slice(i, i + JIEBA_LINES_PER_TURN).join('\n')}\n`));
    await pause();
  }
  return jieba;
}

/** The analyzer every index of this process shares (the resources take about a second to load). */
export function defaultAnalyzer(): Analyzer {
  return (analyzer ??= new Analyzer(loadLanguage()));
}

/** `defaultAnalyzer`, its resources loaded without holding the event loop (see `loadLanguageInTurns`). */
export async function defaultAnalyzerInTurns(): Promise<Analyzer> {
  const loaded = await loadLanguageInTurns();
  return (analyzer ??= new Analyzer(loaded));
}

const cedictText = (): string => `${readFileSync(cedictPath(), 'utf8')}\n${LEXICON_OVERRIDES}`;

/** A line "word count tag": the word and its count, cut by index (split made an array of three strings per line, 349,000 lines). */
const countOf = (counts: Map<string, number>, line: string): void => {
  const a = line.indexOf(' ');
  if (a <= 0) return;
  const b = line.indexOf(' ', a + 1);
  const count = b === -1 ? line.slice(a + 1) : line.slice(a + 1, b);
  if (count) counts.set(line.slice(0, a), Number(count));
};

/** jieba's word counts: how common a word is ranks the Chinese words of an English gloss. */
function jiebaCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of new TextDecoder().decode(dict).split('\n')) countOf(counts, line);
  return counts;
}

async function jiebaCountsInTurns(lines: readonly string[], pause: () => Promise<void>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    countOf(counts, lines[i]!);
    if (i % 20_000 === 19_999) await pause();
  }
  return counts;
}

function languageOf(lexicon: Lexicon, jieba = Jieba.withDict(dict)): Language {
  return { segmenter: { cut: (run) => jieba.cut(run, false), cutForSearch: (run) => jieba.cutForSearch(run, false) }, lexicon };
}
