import { csvFields, csvRows, jsonlRows, MAX_LINE_BYTES, readLines } from './import-lines';

async function* chunks(...parts: (string | Buffer)[]) {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p) : p;
}
const all = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('import lines: rows of a streamed file (experts and resources)', () => {
  it('given lines split anywhere, even inside a UTF-8 character, then whole numbered lines; blank lines counted, not yielded', async () => {
    const zh = Buffer.from('压缩机\n');
    const lines = await all(readLines(chunks('a\r\nb', 'b\n\n', zh.subarray(0, 4), zh.subarray(4), 'last')));
    expect(lines.map((l) => [l.line, 'text' in l ? l.text : l.unreadable])).toEqual([
      [1, 'a'],
      [2, 'bb'],
      [4, '压缩机'],
      [5, 'last'],
    ]);
  });

  it('given a line longer than the limit (in UTF-8 bytes), then it is reported as too long and the next line is read', async () => {
    const rows = await all(jsonlRows(chunks('x'.repeat(MAX_LINE_BYTES + 10), 'yy\n{"a":1}\n')));
    expect(rows).toEqual([
      { line: 1, error: `longer than ${MAX_LINE_BYTES} bytes` },
      { line: 2, raw: { a: 1 } },
    ]);
    // 40 characters, 120 bytes: over a 100-byte limit, in one chunk or split, and at the end of the file.
    const wide = '压'.repeat(40);
    expect(await all(readLines(chunks(`${wide}\nok\n`), { maxLineBytes: 100 }))).toEqual([{ line: 1, unreadable: 'longer than 100 bytes' }, { line: 2, text: 'ok' }]);
    expect(await all(readLines(chunks(wide.slice(0, 20), wide.slice(20), wide, '\nok'), { maxLineBytes: 100 }))).toEqual([{ line: 1, unreadable: 'longer than 100 bytes' }, { line: 2, text: 'ok' }]);
    expect(await all(readLines(chunks('ok\n', wide), { maxLineBytes: 100 }))).toEqual([{ line: 1, text: 'ok' }, { line: 2, unreadable: 'longer than 100 bytes' }]);
    expect(await all(readLines(chunks('压'.repeat(33), '\n'), { maxLineBytes: 100 }))).toEqual([{ line: 1, text: '压'.repeat(33) }]);
  });

  it('given JSONL, then objects, and a reason for what is not one', async () => {
    expect(await all(jsonlRows(chunks('{"a":1}\n[1]\n{oops\n')))).toEqual([
      { line: 1, raw: { a: 1 } },
      { line: 2, error: 'is not a JSON object' },
      { line: 3, error: 'is not valid JSON' },
    ]);
  });

  it('CSV fields: quotes, escaped quotes, commas inside quotes; an open quote is undefined', () => {
    expect(csvFields('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(csvFields('"open')).toBeUndefined();
  });

  it('given CSV with a header, then rows shaped like the JSON ones (nested titles, capabilities split on ;, numeric TRL)', async () => {
    const csv = '\uFEFFexternalKey,kind,title_zh,title.en,capabilities,trl,region\nK1,patent,压缩机,,"noise; scroll ",6,CN\nK2,lab,,Lab,,x,DE\nK3,lab,"bad\n';
    expect(await all(csvRows(chunks(csv)))).toEqual([
      { line: 2, raw: { externalKey: 'K1', kind: 'patent', title: { zh: '压缩机' }, capabilities: ['noise', 'scroll'], trl: 6, region: 'CN' } },
      { line: 3, raw: { externalKey: 'K2', kind: 'lab', title: { en: 'Lab' }, trl: 'x', region: 'DE' } },
      { line: 4, error: 'has an unclosed quote (a quoted field may not span lines)' },
    ]);
  });
});
