import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli } from '../../../tools/src/cli/hope';
import { expertWho, keptText, operator, startMatching, type Body, type Who } from './matching-test-kit';

/** Bulk import over HTTP: streamed JSON lines, the POST /experts rules per row, idempotent per row, a report of rejections. */
describe('matching: bulk import of experts over HTTP', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;
  beforeEach(async () => {
    m = await startMatching('hope-matching-import-');
  });
  afterEach(() => m.stop());

  const upload = async (who: Who, body: string, contentType = 'application/x-ndjson'): Promise<{ status: number; lines: Body[] }> => {
    const token = await m.platform.devIssuer.issue(who);
    const r = await fetch(`${m.platform.services.get('matching')!.url}/experts/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
    const text = await keptText('POST', '/experts/imports', r);
    return { status: r.status, lines: text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l)) };
  };
  const reportOf = (lines: Body[]) => lines.find((l) => l.report)?.report;
  const row = (externalId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ externalId, name: `Expert ${externalId}`, expertise: { en: 'compressor noise' }, skills: [{ name: 'acoustics', lastPractised: 2024 }], ...extra });

  it('joins valid rows, reports each rejected row with line, field and reason; a re-import changes nothing', async () => {
    const file = [
      row('a1'),
      '',
      row('a2', { bio: { zh: '压缩机降噪二十年' } }),
      row('a3', { skills: [{ name: 'acoustics', lastPractised: 'recently' }] }),
      '{not json',
      row('a4', { skills: [{ name: 'acoustics', lastPractised: 2999 }] }),
      row('a5', { invitationCode: '6f1c1c33-7d5e-4b8e-9d1a-3f0a3c2f1b10' }),
      JSON.stringify({ name: 'no id' }),
      row('a6'),
      row('a7', { name: 'bad \\ud800 text' }).replace('\\\\ud800', '\\ud800'),
      `{"externalId":"a8","name":"deep","bio":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    ].join('\n');
    const first = await upload(operator, file);
    expect(first.status).toBe(200);
    const report = reportOf(first.lines);
    expect(report).toMatchObject({ rows: 10, joined: 3, updated: 0, unchanged: 0, rejected: 7 });
    expect(report.rejections).toEqual([
      { line: 4, field: 'skills.0.lastPractised', reason: expect.stringMatching(/integer/) },
      { line: 5, field: 'line', reason: expect.stringMatching(/not valid JSON/) },
      { line: 6, field: 'skills.0.lastPractised', reason: expect.stringMatching(/year between/) },
      { line: 7, field: 'invitationCode', reason: expect.stringMatching(/should not exist/) },
      { line: 8, field: 'externalId', reason: expect.any(String) },
      { line: 10, field: 'line', reason: expect.stringMatching(/well-formed/) },
      { line: 11, field: 'line', reason: expect.stringMatching(/nested/) },
    ]);
    // Visible once answered, under the id the external id names.
    const seen = await m.call('GET', '/experts/ext:a2', operator);
    expect(seen.status).toBe(200);
    expect(seen.body.profile).toMatchObject({ name: 'Expert a2', bio: { zh: '压缩机降噪二十年' } });

    const again = reportOf((await upload(operator, file)).lines);
    expect(again).toMatchObject({ rows: 10, joined: 0, updated: 0, unchanged: 3, rejected: 7 });
    // A changed row updates that expert only.
    const changed = reportOf((await upload(operator, [row('a1', { region: 'Qingdao' }), row('a6')].join('\n'))).lines);
    expect(changed).toMatchObject({ joined: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect((await m.call('GET', '/experts/ext:a1', operator)).body.profile.region).toBe('Qingdao');
  });

  it('given rows with a control character, a null and an invisible name, when imported, then each is rejected naming its field, as POST /experts refuses them', async () => {
    const file = [
      row('h1', { name: 'Nul\u0000Name' }),
      row('h2', { bio: { en: 'bell \u0007 here' } }),
      row('h3', { name: null }),
      row('h4', { name: '\u202e\u200b' }),
      row('h5'),
    ].join('\n');
    const report = reportOf((await upload(operator, file)).lines);
    expect(report).toMatchObject({ rows: 5, joined: 1, rejected: 4 });
    expect(report.rejections.map((r: { line: number; field: string }) => [r.line, r.field])).toEqual([
      [1, 'name'],
      [2, 'bio.en'],
      [3, 'name'],
      [4, 'name'],
    ]);
    expect((await m.call('GET', '/experts/ext:h1', operator)).status).toBe(404);
  });

  it('a rerun after a crash records nothing twice: rows already recorded are unchanged, the rest join', async () => {
    // The "crash": the first 2 rows of the file went in, then the import stopped.
    await upload(operator, [row('c1'), row('c2')].join('\n'));
    const rerun = reportOf((await upload(operator, [row('c1'), row('c2'), row('c3')].join('\n'))).lines);
    expect(rerun).toMatchObject({ joined: 1, unchanged: 2 });
    const page = await m.call('GET', '/experts?limit=100', operator);
    expect(page.body.items.map((e: { expertId: string }) => e.expertId).filter((id: string) => id.startsWith('ext:c'))).toEqual(['ext:c1', 'ext:c2', 'ext:c3']);
  });

  it('rows of one external id in one file apply in order; progress lines come before the report', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => row(`p${i}`));
    rows.push(row('p1', { region: 'Shanghai' }));
    const { lines } = await upload(operator, rows.join('\n'));
    expect(lines[0].progress).toMatchObject({ rows: expect.any(Number) });
    expect(reportOf(lines)).toMatchObject({ rows: 1_501, joined: 1_500, updated: 1, rejected: 0 });
    expect((await m.call('GET', '/experts/ext:p1', operator)).body.profile.region).toBe('Shanghai');
  });

  it('only operators import; the body must be JSON lines (400 naming content-type)', async () => {
    expect((await upload(expertWho('eve'), row('x1'))).status).toBe(403);
    const wrong = await m.call('POST', '/experts/imports', operator, { externalId: 'x1', name: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors ?? wrong.body.fields ?? wrong.body).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'content-type' })]));
  });
});

describe('hope import experts <file.jsonl>', () => {
  jest.setTimeout(60_000);
  it('streams the file to the service and reports rejected rows; a second run changes nothing', async () => {
    const m = await startMatching('hope-matching-import-cli-');
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const file = join(m.dir, 'experts.jsonl');
      writeFileSync(file, [JSON.stringify({ externalId: 'cli-1', name: 'One', skills: [{ name: 'acoustics', lastPractised: 2024 }] }), JSON.stringify({ externalId: 'cli-2' })].join('\n'));
      const url = m.platform.services.get('matching')!.url;
      const token = await m.platform.devIssuer.issue(operator);
      const run = () => buildCli().exitOverride().parseAsync(['node', 'hope', 'import', 'experts', file, '--url', url, '--token', token, '--format', 'json']);
      await run();
      const first = JSON.parse(String(stdout.mock.calls.at(-1)![0]));
      expect(first).toMatchObject({ rows: 2, joined: 1, rejected: 1, rejections: [{ line: 2, field: 'name' }] });
      expect(process.exitCode).toBe(1);
      await run();
      expect(JSON.parse(String(stdout.mock.calls.at(-1)![0]))).toMatchObject({ rows: 2, joined: 0, unchanged: 1, rejected: 1 });
      expect((await m.call('GET', '/experts/ext:cli-1', operator)).body.profile.name).toBe('One');
    } finally {
      process.exitCode = 0;
      stdout.mockRestore();
      stderr.mockRestore();
      await m.stop();
    }
  });
});
