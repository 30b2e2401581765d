/**
 * A bilingual lexicon built from CC-CEDICT lines (`Trad Simp [pin1 yin1] /gloss/gloss/`): Chinese
 * words to English gloss phrases and back, for query expansion both ways. Pure: the text comes from
 * whoever loads the file (see language/), and the result is plain maps.
 *
 * Only glosses that read as a term are kept: the first MAX_SENSES senses of an entry, "to " dropped,
 * parentheticals, classifiers ("CL:"), cross-references ("variant of", "see ...", "abbr. for") and
 * surnames removed, at most MAX_GLOSS_WORDS words. English words are reduced with the analyzer's stemmer.
 */
import { stem, STOP_EN } from './stem';

const MAX_SENSES = 6;
const MAX_GLOSS_WORDS = 3;
/** Per English phrase, the Chinese words kept (earlier senses and shorter words first). */
const MAX_ZH_PER_PHRASE = 6;

export interface Lexicon {
  /** Gloss phrases of a simplified Chinese word, each as stems; undefined if the word is not listed. */
  glosses(zh: string): readonly (readonly string[])[] | undefined;
  /** Chinese words glossed by this stem phrase (stems joined by a space). */
  zhFor(stems: string): readonly string[];
  has(zh: string): boolean;
}

const LINE = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/;
const SKIP = /^(CL:|variant of|old variant|see |see also|abbr\.|surname|used in|erhua|also written|also pr\.|Taiwan pr\.|\(.*\)$)/i;

/** A gloss as the stems of a term, or undefined when it is not one (a cross-reference, a sentence). */
export function glossStems(gloss: string): string[] | undefined {
  if (SKIP.test(gloss)) return undefined;
  const text = gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/^to /, '')
    .replace(/\bsth\b|\bsb\b|\bsomething\b|\bsomeone\b|\bone's\b/g, ' ')
    .toLowerCase();
  if (/[^a-z0-9 \-']/.test(text.replace(/[,;.]/g, ''))) return undefined;
  const words = (text.match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP_EN.has(w));
  if (words.length === 0 || words.length > MAX_GLOSS_WORDS) return undefined;
  return words.map(stem);
}

/**
 * `frequency`: how common a Chinese word is (jieba's dictionary counts), so that an English word leads
 * to the usual Chinese word for it (noise: 噪声, not 吵闹声) when several gloss it in the same sense.
 */
export function buildLexicon(cedict: string, frequency: (zh: string) => number = () => 0): Lexicon {
  const builder = new LexiconBuilder(frequency);
  for (const line of cedict.split('\n')) builder.add(line);
  return builder.finish();
}

/** The same lexicon as `buildLexicon`, built `LINES_PER_TURN` lines at a time, awaiting `pause` between them (a service's event loop stays free). */
export async function buildLexiconInTurns(cedict: string, frequency: (zh: string) => number, pause: () => Promise<void>): Promise<Lexicon> {
  const builder = new LexiconBuilder(frequency);
  const lines = cedict.split('\n');
  for (let i = 0; i < lines.length; i++) {
    builder.add(lines[i]!);
    if (i % LINES_PER_TURN === LINES_PER_TURN - 1) await pause();
  }
  return builder.finish(pause);
}
const LINES_PER_TURN = 5_000;

/** CC-CEDICT's lines in, one at a time; `finish` ranks the Chinese words of each English phrase. */
class LexiconBuilder {
  private readonly byZh = new Map<string, string[][]>();
  private readonly ranked = new Map<string, { zh: string; rank: number }[]>();

  constructor(private readonly frequency: (zh: string) => number) {}

  add(line: string): void {
    if (line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) return;
    const { byZh, ranked } = this;
    const zh = m[2]!;
    // Proper names (capitalised glosses of a single sense) say little of a skill.
    const senses = m[3]!.split('/').filter((g) => g !== '');
    const kept: string[][] = byZh.get(zh) ?? [];
    for (const gloss of senses.slice(0, MAX_SENSES)) {
      if (/^[A-Z]/.test(gloss) && senses.length === 1) continue;
      const stems = glossStems(gloss);
      if (!stems || kept.some((k) => k.join(' ') === stems.join(' '))) continue;
      kept.push(stems);
      const key = stems.join(' ');
      let list = ranked.get(key);
      if (!list) ranked.set(key, (list = []));
      // Earlier senses first, but a common word in its second sense before a rare one in its first.
      list.push({ zh, rank: senses.indexOf(gloss) * 1.5 - Math.log10(1 + this.frequency(zh)) });
    }
    if (kept.length > 0) byZh.set(zh, kept);
  }

  finish(): Lexicon;
  /** With `pause`, awaited every LINES_PER_TURN phrases ranked (ranking them all held the loop ~100-200 ms). */
  finish(pause: () => Promise<void>): Promise<Lexicon>;
  finish(pause?: () => Promise<void>): Lexicon | Promise<Lexicon> {
    const reverse = new Map<string, string[]>();
    const rank = (key: string, list: { zh: string; rank: number }[]) =>
      reverse.set(key, [...new Set(list.sort((a, b) => a.rank - b.rank).map((x) => x.zh))].slice(0, MAX_ZH_PER_PHRASE));
    if (!pause) {
      for (const [key, list] of this.ranked) rank(key, list);
      return this.lexicon(reverse);
    }
    return (async () => {
      let n = 0;
      for (const [key, list] of this.ranked) {
        rank(key, list);
        if (++n % LINES_PER_TURN === 0) await pause();
      }
      return this.lexicon(reverse);
    })();
  }

  private lexicon(reverse: ReadonlyMap<string, string[]>): Lexicon {
    const { byZh } = this;
    return {
      glosses: (zh) => byZh.get(zh),
      zhFor: (stems) => reverse.get(stems) ?? [],
      has: (zh) => byZh.has(zh),
    };
  }
}
