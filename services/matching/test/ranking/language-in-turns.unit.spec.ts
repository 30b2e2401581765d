import { readFileSync } from 'node:fs';
import { buildLexicon, buildLexiconInTurns } from '../../src/domain/ranking/lexicon';
import { cedictPath } from '../../src/language/language';

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
