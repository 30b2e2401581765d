import fc from 'fast-check';
import { TermDictionary } from '../../src/domain/text-index/term-dictionary';

/** Terms as the analyzer makes them (prefixes, CJK, phrases), plus any UTF-16 (lone surrogates included) and the empty string. */
const term = fc.oneof(
  fc.constantFrom('zh:', 'en:', 'p:', 'n:').chain((p) => fc.string({ unit: fc.constantFrom('振', '动', '控', '制', 'a', 'b', '_', 'c'), maxLength: 6 }).map((s) => p + s)),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 5 }),
);

describe('the term dictionary', () => {
  it('gives the same ids as a Map interning in first-seen order, gives each term back, and reads back from its state the same', () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 3000 }), fc.array(term, { maxLength: 200 }), (interned, probes) => {
        const dictionary = new TermDictionary();
        const reference = new Map<string, number>();
        for (const t of interned) {
          if (!reference.has(t)) reference.set(t, reference.size);
          expect(dictionary.intern(t)).toBe(reference.get(t));
        }
        expect(dictionary.size).toBe(reference.size);
        for (const [t, id] of reference) expect(dictionary.term(id)).toBe(t);
        const restored = TermDictionary.from(dictionary.state());
        for (const t of [...interned, ...probes]) {
          expect(dictionary.id(t)).toBe(reference.get(t));
          expect(restored.id(t)).toBe(reference.get(t));
        }
        // Interning goes on after a restore as it would have.
        for (const t of probes) {
          if (!reference.has(t)) reference.set(t, reference.size);
          expect(restored.intern(t)).toBe(reference.get(t));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps tens of thousands of terms apart through every growth of its table', () => {
    const dictionary = new TermDictionary();
    const terms = Array.from({ length: 50_000 }, (_, i) => `p:词${i}_${(i * 7919) % 1000}`);
    terms.forEach((t, i) => expect(dictionary.intern(t)).toBe(i));
    terms.forEach((t, i) => expect(dictionary.id(t)).toBe(i));
    expect(dictionary.id('p:词50000_0')).toBeUndefined();
  });
});
