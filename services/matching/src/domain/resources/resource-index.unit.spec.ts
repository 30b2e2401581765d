import { ResourceIndex, type IndexedResource } from './resource-index';

const r = (resourceId: string, title: string, capabilities: string[] = [], description = ''): IndexedResource => ({ resourceId, title: { en: title }, description: { en: description }, capabilities });

describe('resource index: BM25 over title, capabilities and description', () => {
  const build = (...resources: IndexedResource[]) => {
    const index = new ResourceIndex();
    resources.forEach((x) => index.upsert(x));
    return index;
  };

  it('given resources, when searched, then those sharing the rare words rank first; a title match outweighs a description match', () => {
    const index = build(
      r('desc', 'Casting line', [], 'we also do vibration damping'),
      r('title', 'Vibration damping mounts', ['rubber moulding']),
      r('other', 'Injection moulding', ['plastics']),
    );
    expect(index.search('vibration damping for compressors', 10).map((h) => h.resourceId)).toEqual(['title', 'desc']);
  });

  it('matches Chinese text, and finds nothing for words no resource has', () => {
    const index = build({ resourceId: 'zh', title: { zh: '低噪音压缩机' }, description: {}, capabilities: ['降噪'] }, r('en', 'Heat exchanger'));
    expect(index.search('压缩机噪音', 5).map((h) => h.resourceId)).toEqual(['zh']);
    expect(index.search('quantum cryptography', 5)).toEqual([]);
  });

  it('a revision replaces the indexed text; a removed resource is never found', () => {
    const index = build(r('a', 'Heat exchanger'), r('b', 'Heat pump'));
    index.upsert(r('a', 'Acoustic foam'));
    expect(index.search('exchanger', 5)).toEqual([]);
    expect(index.search('acoustic', 5).map((h) => h.resourceId)).toEqual(['a']);
    index.remove('b');
    expect(index.search('heat pump', 5)).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('keeps the limit, best first, ties by id; a hit far below the best is dropped as noise', () => {
    const index = build(...Array.from({ length: 30 }, (_, i) => r(`r${String(i).padStart(2, '0')}`, 'sensor calibration')), r('weak', 'calibration of many many other things in a very long title about stuff'));
    const hits = index.search('sensor calibration', 20);
    expect(hits).toHaveLength(20);
    expect(hits.map((h) => h.resourceId)).toEqual(Array.from({ length: 20 }, (_, i) => `r${String(i).padStart(2, '0')}`));
    expect(index.search('sensor calibration', 40).map((h) => h.resourceId)).not.toContain('weak');
  });

  it('explains a match by the terms found per field', () => {
    const res = r('x', 'Vibration damping mounts', ['rubber moulding', 'damping'], 'Mounts for compressors');
    expect(ResourceIndex.explain(res, 'damping of compressor vibration')).toEqual({
      matchedTerms: ['vibrat', 'damp', 'compressor'],
      fields: { title: ['vibrat', 'damp'], capabilities: ['damp'], description: ['compressor'] },
    });
  });

  it('with a tiny seed, the pruned query still answers as scoring every posting, a resource with none of the rarer terms included', () => {
    const index = new ResourceIndex({ seedPostings: 5, seedRescored: 3 });
    const words = ['pump', 'valve', 'sensor', 'motor', 'seal', 'coating'];
    for (let i = 0; i < 60; i++) index.upsert(r(`r${String(i).padStart(2, '0')}`, `${words[i % 6]} ${words[(i * 7) % 6]} system`, [words[(i * 5) % 6]!], i % 9 === 0 ? 'with a ceramic seal' : 'general system'));
    const q = 'ceramic seal for a pump system';
    const exact = index.searchExhaustive(q, 20);
    expect(index.search(q, 20)).toEqual(exact);
    expect(exact.some((h) => Number(h.resourceId.slice(1)) % 9 !== 0)).toBe(true);
  });
});
