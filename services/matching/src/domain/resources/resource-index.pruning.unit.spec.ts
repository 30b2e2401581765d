import { ResourceIndex, type IndexedResource } from './resource-index';
import { prng } from '@hope/kernel/testing';

/**
 * The pruned query (MaxScore, decision 0044) against scoring every posting: on random corpora and
 * queries, with revisions, withdrawals, duplicate texts (tied scores) and seeds from tiny to large, the
 * top-k is the exhaustive one — same resources, same order (ties by id), same scores.
 */
const EN = 'pump valve sensor motor seal coating ceramic alloy laser filter turbine nozzle battery inverter bearing gasket polymer membrane damping acoustic foam resin casting welding robot gripper encoder spindle cable relay fuse plasma ozone'.split(' ');
const ZH = '传感器 阀门 压缩机 涂层 电池 电机 轴承 密封 合金 陶瓷 激光 过滤 水泵 涡轮 焊接 机器人'.split(' ');

function corpus(seed: number, size: number, skew: number) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(xs.length * rnd() ** skew)]!;
  const words = (n: number) => Array.from({ length: n }, () => (rnd() < 0.25 ? pick(ZH) : pick(EN))).join(' ');
  const between = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  const resource = (i: number): IndexedResource => ({
    resourceId: `r${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}-${i}`,
    title: { en: words(between(1, 5)) },
    description: rnd() < 0.1 ? {} : { en: words(between(0, 25)) },
    capabilities: Array.from({ length: between(0, 3) }, () => words(between(1, 3))),
  });
  const query = () => words(between(1, 14));
  return { rnd, resource, query, between };
}

describe('resource index: the pruned top-k is exactly the exhaustive top-k', () => {
  it('given random corpora (revisions, withdrawals, tied duplicates) and random queries, when searched, then every answer equals scoring every posting', () => {
    let compared = 0;
    let pruned = 0;
    for (let run = 0; run < 16; run++) {
      const g = corpus(1_000 + run, 0, 1 + (run % 4));
      const size = g.between(30, 1_200);
      // Both ways of finding the slots with a partial score: listed as touched (denseAbove Infinity) or one pass over the array (0).
      const denseAbove = [0, Infinity, 2 * g.rnd()][run % 3]!;
      const index = new ResourceIndex({ seedPostings: g.between(1, 400), seedRescored: g.between(1, 60), restShare: 0.1 + 0.9 * g.rnd(), denseAbove });
      const docs = Array.from({ length: size }, (_, i) => g.resource(i));
      // Duplicated texts under other ids: equal scores, so the order of ties is tested.
      for (let i = 0; i < size / 10; i++) docs.push({ ...docs[Math.floor(g.rnd() * docs.length)]!, resourceId: `dup-${run}-${i}` });
      for (const d of docs) index.upsert(d);
      for (let i = 0; i < docs.length; i += 5) index.upsert({ ...docs[i]!, title: g.resource(-1).title });
      for (let i = 0; i < docs.length; i += 9) index.remove(docs[i]!.resourceId);
      for (let q = 0; q < 30; q++) {
        const text = g.query();
        const limit = [1, 3, 10, 20, 50][q % 5]!;
        const exact = index.searchExhaustive(text, limit);
        const exactPostings = index.lastQuery.postings;
        expect({ text, limit, hits: index.search(text, limit) }).toEqual({ text, limit, hits: exact });
        compared++;
        if (index.lastQuery.postings < exactPostings) pruned++;
      }
    }
    expect(compared).toBe(16 * 30);
    // The mechanism ran: most answers read fewer postings than scoring every posting (same answers).
    expect(pruned).toBeGreaterThan(compared / 2);
  }, 120_000);

  it('given a compaction (retired versions outnumber live ones), the bounds are rebuilt and answers stay exact', () => {
    const g = corpus(77, 0, 2);
    const index = new ResourceIndex({ seedPostings: 200, seedRescored: 20 });
    const docs = Array.from({ length: 3_000 }, (_, i) => g.resource(i));
    for (const d of docs) index.upsert(d);
    for (let round = 0; round < 4; round++) for (const d of docs) index.upsert({ ...d, description: g.resource(-1).description });
    expect(index.size).toBe(3_000);
    for (let q = 0; q < 60; q++) {
      const text = g.query();
      expect(index.search(text, 20)).toEqual(index.searchExhaustive(text, 20));
    }
  }, 120_000);

  it('given writes between queries that move the average length up and down (the impacts recomputed or kept), then every answer stays the exhaustive one', () => {
    const g = corpus(31, 0, 2);
    const index = new ResourceIndex({ seedPostings: 150, seedRescored: 10, restShare: 0.6 });
    const long = (i: number): IndexedResource => ({ ...g.resource(i), description: { en: Array.from({ length: 6 }, () => g.query()).join(' ') } });
    const short = (i: number): IndexedResource => ({ ...g.resource(i), description: {}, capabilities: [] });
    let compared = 0;
    const ids: string[] = [];
    for (let round = 0; round < 12; round++) {
      // Rounds alternate: short texts lower the average length, long ones raise it; some earlier ones are revised or withdrawn.
      for (let i = 0; i < 150; i++) {
        const r = round % 2 === 0 ? short(i) : long(i);
        ids.push(r.resourceId);
        index.upsert(r);
      }
      for (let i = 0; i < 30; i++) index.remove(ids[Math.floor(g.rnd() * ids.length)]!);
      for (let i = 0; i < 20; i++) index.upsert({ ...(round % 2 === 0 ? long : short)(i), resourceId: ids[Math.floor(g.rnd() * ids.length)]! });
      for (let q = 0; q < 15; q++) {
        const text = g.query();
        const limit = [1, 5, 20][q % 3]!;
        expect({ round, text, hits: index.search(text, limit) }).toEqual({ round, text, hits: index.searchExhaustive(text, limit) });
        compared++;
      }
    }
    expect(compared).toBe(12 * 15);
  }, 120_000);

  it('given common words and one rare one, when searched, then the common words are not read and the answer is the exhaustive one', () => {
    const index = new ResourceIndex({ seedPostings: 100, seedRescored: 20 });
    const g = corpus(5, 0, 1);
    for (let i = 0; i < 3_000; i++) index.upsert({ resourceId: `c${String(i).padStart(4, '0')}`, title: { en: 'pump valve' }, description: { en: g.query() }, capabilities: [] });
    for (let i = 0; i < 40; i++) index.upsert({ resourceId: `x${i}`, title: { en: 'cryogenic pump valve' }, description: {}, capabilities: ['cryogenic'] });
    const exact = index.searchExhaustive('cryogenic pump valve', 20);
    const all = index.lastQuery.postings;
    expect(index.search('cryogenic pump valve', 20)).toEqual(exact);
    expect(exact.every((h) => h.resourceId.startsWith('x'))).toBe(true);
    expect(index.lastQuery.postings).toBeLessThan(all / 5);
  });
});
