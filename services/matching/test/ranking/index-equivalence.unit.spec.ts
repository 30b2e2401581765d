import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExpertIndex } from '../../src/domain/ranking/expert-index';
import { defaultAnalyzer } from '../../src/language/language';
import { equivalenceCorpus, rankingDigest } from './equivalence-corpus';

/**
 * Given the labelled set and seeded background profiles, when the compact index ranks the corpus's
 * demands, then every ranking (matches, scores, explanations, exclusions) is the one the index before
 * the compact core gave (golden/rankings.json, recorded from it).
 */
describe('the compact expert index ranks exactly as the index before it', () => {
  const golden = JSON.parse(readFileSync(join(__dirname, 'golden/rankings.json'), 'utf8')) as string[];
  const { experts, queries } = equivalenceCorpus();

  const rebuilt = () => {
    const index = new ExpertIndex(defaultAnalyzer());
    for (const e of experts) index.upsert(e);
    return index;
  };

  it('built in one pass', () => {
    const index = rebuilt();
    expect(queries.map((q) => rankingDigest(index, q))).toEqual(golden);
  });

  it('after every profile was upserted again (retired slots, then compaction) and some removed and restored', () => {
    const index = new ExpertIndex(defaultAnalyzer());
    for (const e of experts) index.upsert(e);
    for (const e of experts.slice(0, 500)) index.remove(e.expertId);
    // Four more versions of each profile retire over 10,000 slots: the core compacts on the way.
    for (let round = 0; round < 4; round++) for (const e of experts) index.upsert(e);
    expect(index.slotCount).toBeLessThan(3 * experts.length);
    expect(index.checksum()).toBe(rebuilt().checksum());
    expect(queries.map((q) => rankingDigest(index, q))).toEqual(golden);
  });
});
