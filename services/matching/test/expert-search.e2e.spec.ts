import { expertWho, operator, startMatching, type Who } from './matching-test-kit';

/** Expert search: every word in any order, over name, bio, expertise and skills, in Chinese and English. */
describe('matching: expert search over HTTP', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  const buyer: Who = { sub: 'buyer', role: 'enterprise', org: 'org-x' };
  const ids = async (q: string, who: Who = operator, extra = ''): Promise<string[]> =>
    (await m.call('GET', `/experts?q=${encodeURIComponent(q)}${extra}`, who)).body.items.map((e: { expertId: string }) => e.expertId);

  beforeAll(async () => {
    m = await startMatching('hope-matching-search-');
    await m.memberships([{ organisationId: 'org-x', subject: 'buyer' }]);
    await m.join('bio-en', { bio: { en: 'Twenty years designing low noise inverter compressors' }, region: 'Qingdao' });
    await m.join('exp-zh', { expertise: { zh: '低噪声压缩机与振动控制' }, region: 'Shanghai' });
    await m.join('skills', { skills: [{ name: 'noise reduction', lastPractised: 2024 }], expertise: { en: 'compressor testing' } });
    await m.join('decoy', { expertise: { en: 'high voltage wiring' }, bio: { en: 'textile noise-free looms' } });
  });
  afterAll(() => m.stop());

  it('finds words in the bio and the expertise, all of them, in any order', async () => {
    expect(await ids('low noise')).toEqual(['bio-en']);
    expect(await ids('noise low')).toEqual(['bio-en']);
    expect(await ids('compressor noise')).toEqual(['bio-en', 'skills']);
    expect(await ids('compressors inverter designing')).toEqual(['bio-en']);
    expect(await ids('low noise wiring')).toEqual([]);
  });

  it('finds Chinese words wherever they are in the text; words in either order', async () => {
    expect(await ids('压缩机')).toEqual(['exp-zh']);
    expect(await ids('振动控制 低噪声')).toEqual(['exp-zh']);
    expect(await ids('压缩机 冷藏')).toEqual([]);
  });

  it('keeps the other filters and cursor paging, and shows others only public fields', async () => {
    expect(await ids('noise', operator, '&region=Qingdao')).toEqual(['bio-en']);
    const first = await m.call('GET', '/experts?q=noise&limit=1', operator);
    expect(first.body.items.map((e: { expertId: string }) => e.expertId)).toEqual(['bio-en']);
    const second = await m.call('GET', `/experts?q=noise&limit=5&cursor=${first.body.nextCursor}`, operator);
    expect(second.body.items.map((e: { expertId: string }) => e.expertId)).toEqual(['decoy', 'skills']);
    const seen = await m.call('GET', '/experts?q=inverter', buyer);
    expect(seen.body.items.map((e: { expertId: string }) => e.expertId)).toEqual(['bio-en']);
    expect(JSON.stringify(seen.body)).not.toMatch(/Twenty years/);
  });

  it('follows profile changes and erasure', async () => {
    await m.call('PATCH', '/experts/skills', expertWho('skills'), { bio: { en: 'cryogenic pumps' } });
    expect(await ids('cryogenic')).toEqual(['skills']);
    await m.call('DELETE', '/experts/skills/personal-data', expertWho('skills'));
    expect(await ids('cryogenic')).toEqual([]);
  });
});
