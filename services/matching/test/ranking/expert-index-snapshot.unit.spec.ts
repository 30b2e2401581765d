import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXPERT_INDEX_FORMAT, loadExpertIndex, saveExpertIndex } from '../../src/application/expert-index-snapshot';
import { ExpertIndex, type RankableExpert } from '../../src/domain/ranking/expert-index';
import { rankExperts } from '../../src/domain/ranking/rank';
import { defaultAnalyzer } from '../../src/language/language';
import { equivalenceCorpus } from './equivalence-corpus';
import { expert, now } from './ranking-kit';

const analyzer = defaultAnalyzer();
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hope-index-snapshot-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const { experts, queries } = equivalenceCorpus();
const built = (): ExpertIndex => {
  const index = new ExpertIndex(analyzer);
  for (const e of experts.slice(0, 800)) index.upsert(e);
  for (const e of experts.slice(0, 100)) index.upsert(e); // retired slots travel too
  for (const e of experts.slice(100, 150)) index.remove(e.expertId);
  index.setTrackRecord(experts[3]!.expertId, { invited: 4, responded: 3, shortlisted: 2, adopted: 1, rated: 2, ratingSum: 9 });
  return index;
};

describe('the expert index snapshot', () => {
  it('given a saved index, when loaded, then it is the same index (checksum, rankings) at the positions it was stamped with', async () => {
    const index = built();
    const file = join(dir, 'x.snapshot');
    await saveExpertIndex(file, index, { seq: 812, funnelSeq: 3 });
    const loaded = await loadExpertIndex(file, analyzer);
    expect(loaded?.positions).toEqual({ seq: 812, funnelSeq: 3 });
    expect(loaded!.index.checksum()).toBe(index.checksum());
    for (const q of queries.slice(0, 60)) expect(JSON.stringify(rankExperts(loaded!.index, q))).toBe(JSON.stringify(rankExperts(index, q)));
  });

  it('given a loaded index, when it is updated further, then it equals an index that lived through the same updates', async () => {
    const file = join(dir, 'x.snapshot');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('silver coating', '振动控制', 'heat pump', '膜分离'), fc.boolean()), { maxLength: 25 }), async (ops) => {
        const live = built();
        await saveExpertIndex(file, live, { seq: 1, funnelSeq: 0 });
        const restored = (await loadExpertIndex(file, analyzer))!.index;
        for (const [i, skill, erase] of ops) {
          const e: RankableExpert = erase ? experts[i]! : expert(`p${i}`, { skills: [{ name: skill, lastPractised: 2024 }], expertise: { en: `${skill} research` } });
          for (const index of [live, restored]) {
            if (erase) index.remove(e.expertId);
            else index.upsert(e);
          }
        }
        expect(restored.checksum()).toBe(live.checksum());
        const q = { text: 'silver coating vibration control 振动 膜', limit: 20, now };
        expect(JSON.stringify(rankExperts(restored, q))).toBe(JSON.stringify(rankExperts(live, q)));
      }),
      { numRuns: 15 },
    );
  });

  it('a missing, corrupt, truncated, foreign or older-format snapshot is no snapshot (the service rebuilds)', async () => {
    const file = join(dir, 'x.snapshot');
    expect(await loadExpertIndex(file, analyzer)).toBeUndefined();
    await saveExpertIndex(file, built(), { seq: 5, funnelSeq: 0 });
    const good = readFileSync(file);
    const variants: Record<string, Buffer> = {
      'a flipped byte in the body': Buffer.from(good.map((b, i) => (i === good.length - 100 ? b ^ 0xff : b))),
      truncated: good.subarray(0, good.length - 1000),
      foreign: Buffer.concat([Buffer.from('NOTANIDX'), good.subarray(8)]),
      'an older format': Buffer.from(good.toString('latin1').replace(`"format":${EXPERT_INDEX_FORMAT}`, `"format":${EXPERT_INDEX_FORMAT - 1}`), 'latin1'),
      empty: Buffer.alloc(0),
    };
    for (const [what, bytes] of Object.entries(variants)) {
      writeFileSync(file, bytes);
      expect([what, await loadExpertIndex(file, analyzer)]).toEqual([what, undefined]);
    }
  });
});
