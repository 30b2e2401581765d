import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { buildLexicon, buildLexiconInTurns } from '../../src/domain/ranking/lexicon';
import { cedictPath, jiebaInTurns } from '../../src/language/language';

describe('the lexicon built in turns of the event loop', () => {
  it('is the same lexicon as the one built in one go, and lets the loop turn while it builds', async () => {
    const text = readFileSync(cedictPath(), 'utf8');
    const frequency = (zh: string) => zh.length * 7;
    const whole = buildLexicon(text, frequency);
    let turns = 0;
    const inTurns = await buildLexiconInTurns(text, frequency, () => new Promise<void>((resolve) => setImmediate(() => (turns++, resolve()))));
    expect(turns).toBeGreaterThan(10);
    const words = new Set<string>();
    const phrases = new Set<string>();
    for (const line of text.split('\n')) {
      const zh = /^\S+ (\S+) \[/.exec(line)?.[1];
      if (!zh) continue;
      words.add(zh);
      for (const g of whole.glosses(zh) ?? []) phrases.add(g.join(' '));
    }
    for (const zh of words) {
      expect(inTurns.has(zh)).toBe(whole.has(zh));
      expect(inTurns.glosses(zh)).toEqual(whole.glosses(zh));
    }
    for (const p of phrases) expect(inTurns.zhFor(p)).toEqual(whole.zhFor(p));
    expect(phrases.size).toBeGreaterThan(50_000);
  }, 120_000);
});

describe('jieba loaded in turns of the event loop', () => {
  it('cuts as jieba loaded in one call, in both modes, and lets the loop turn while it loads', async () => {
    const lines = new TextDecoder().decode(dict).split('\n');
    const whole = Jieba.withDict(dict);
    let turns = 0;
    const inTurns = await jiebaInTurns(lines, () => new Promise<void>((resolve) => setImmediate(() => (turns++, resolve()))));
    expect(turns).toBeGreaterThan(50);
    // Runs of dictionary words side by side (ambiguous joins included) and the CC-CEDICT words: a dictionary
    // loaded wrongly in parts (its total frequency, a word's count) would cut some of them differently.
    const words = lines.map((l) => l.split(' ')[0]!).filter((w) => w !== '');
    const cedict = readFileSync(cedictPath(), 'utf8').split('\n').map((l) => /^\S+ (\S+) \[/.exec(l)?.[1]).filter((w): w is string => !!w);
    const texts = [...cedict.slice(0, 40_000), ...Array.from({ length: 40_000 }, (_, i) => `${words[(i * 7919) % words.length]}${words[(i * 104_729) % words.length]}${words[(i * 31) % words.length]}的研究`)];
    const differing = texts.filter((t) => whole.cut(t, false).join('|') !== inTurns.cut(t, false).join('|') || whole.cutForSearch(t, false).join('|') !== inTurns.cutForSearch(t, false).join('|'));
    expect(differing).toEqual([]);
  }, 120_000);
});
