import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { namespaced, SqliteEventStore } from '@hope/eventstore';
import { buildCli } from '../src/cli/hope';
import { queryExports } from '../src/cli/duckdb';

const at = '2026-03-01T08:00:00.000Z';
const demandV1 = (demandId: string, title: string) => ({
  id: randomUUID(),
  type: 'DemandPublished',
  data: { demandId, organisationId: 'org-1', title, domain: 'smart-home', publishedAt: at },
  metadata: { integration: true, version: 1, correlationId: 'corr-1' },
});
const internal = (n: number) => ({ id: randomUUID(), type: 'DraftEdited', data: { n, text: 'has "quotes", commas\nand lines' } });

describe('hope CLI: export (replay) and sql', () => {
  let dir: string;
  const run = (...args: string[]) => buildCli().exitOverride().parseAsync(['node', 'hope', ...args, '--data-dir', dir]);
  const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-cli-'));
    const store = SqliteEventStore.open({ file: join(dir, 'demand.events.sqlite') });
    await store.append('demand-1', [internal(1), demandV1('d-1', '低噪音压缩机')]);
    await store.append('demand-2', [internal(2), demandV1('d-2', 'Quiet compressor')]);
    await store.append('probe-1', [{ id: randomUUID(), type: 'ProbeSent', data: { probeId: 'p', from: 'demand', sentAt: at }, metadata: { integration: true, version: 1 } }]);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exports every event, integration events upcast to their current version', async () => {
    const out = join(dir, 'all.jsonl');
    await run('export', '--service', 'demand', '--out', out);
    const rows = jsonl(out);
    expect(rows.map((r) => r.type)).toEqual(['DraftEdited', 'DemandPublished', 'DraftEdited', 'DemandPublished', 'ProbeSent']);
    const published = rows.filter((r) => r.type === 'DemandPublished');
    expect(published.map((r) => r.version)).toEqual([3, 3]);
    expect(JSON.parse(published[0]!.data as string)).toMatchObject({ title: { zh: '低噪音压缩机' }, keywords: [] });
    expect(published[0]).toMatchObject({ stream: 'demand-1', revision: 1, correlationId: 'corr-1' });
  });

  it('on a shared store, --service exports that service\'s streams only, under their own names', async () => {
    const shared = join(dir, 'shared.sqlite');
    for (const service of ['demand', 'matching']) {
      const store = namespaced(SqliteEventStore.open({ file: shared }), service);
      await store.append('probe-1', [{ id: randomUUID(), type: 'ProbeSent', data: { probeId: service, from: service, sentAt: at }, metadata: { integration: true, version: 1 } }]);
      await store.close();
    }
    const out = join(dir, 'shared.jsonl');
    await run('export', '--service', 'matching', '--store', `sqlite:${shared}`, '--out', out);
    const rows = jsonl(out);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ stream: 'probe-1', type: 'ProbeSent' });
    expect(JSON.parse(rows[0]!.data as string)).toMatchObject({ from: 'matching' });
  });

  it('filters by type and stream prefix', async () => {
    const out = join(dir, 'f.jsonl');
    await run('export', '--service', 'demand', '--out', out, '--type', 'DemandPublished', '--stream-prefix', 'demand-2');
    expect(jsonl(out).map((r) => r.stream)).toEqual(['demand-2']);
  });

  it('resumes after the last exported position: nothing twice, nothing missed', async () => {
    const out = join(dir, 'r.jsonl');
    await run('export', '--service', 'demand', '--out', out);
    const store = SqliteEventStore.open({ file: join(dir, 'demand.events.sqlite') });
    await store.append('demand-3', [internal(3), demandV1('d-3', 'Heat pump')]);
    await store.close();
    await run('export', '--service', 'demand', '--out', out, '--resume');
    const ids = jsonl(out).map((r) => r.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
  });

  it('writes CSV that DuckDB reads back (quotes, commas, newlines) and Parquet, and sql queries them in place', async () => {
    const csv = join(dir, 'e.csv');
    const parquet = join(dir, 'e.parquet');
    await run('export', '--service', 'demand', '--out', csv, '--format', 'csv');
    await run('export', '--service', 'demand', '--out', parquet, '--format', 'parquet');
    const byType = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
    const q = 'SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type';
    expect(byType(await queryExports([csv], q))).toEqual({ DemandPublished: 2, DraftEdited: 2, ProbeSent: 1 });
    expect(byType(await queryExports([parquet], q))).toEqual({ DemandPublished: 2, DraftEdited: 2, ProbeSent: 1 });
    const [text] = await queryExports([csv], "SELECT data FROM events WHERE type = 'DraftEdited' LIMIT 1");
    expect(JSON.parse(text!.data as string)).toEqual({ n: 1, text: 'has "quotes", commas\nand lines' });
  });

  it('refuses bad arguments with a clear message', async () => {
    await expect(run('export', '--service', 'demand', '--out', join(dir, 'x.parquet'), '--format', 'parquet', '--resume')).rejects.toThrow(/--resume works with jsonl and csv/);
    await expect(run('export', '--service', 'demand', '--out', join(dir, 'x.jsonl'), '--since', 'yesterday')).rejects.toThrow(/ISO-8601/);
  });
});

describe('hope asof: a projection as it was at an instant', () => {
  it('replays only what was recorded before the instant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hope-asof-'));
    try {
      const store = SqliteEventStore.open({ file: join(dir, 'points.events.sqlite') });
      const receipt = (probeId: string) => ({ id: randomUUID(), type: 'ProbeReceived', data: { probeId, from: 'demand', receivedAt: new Date().toISOString(), sourceEventId: randomUUID() } });
      await store.append('probe-a', [receipt('a')]);
      await new Promise((r) => setTimeout(r, 20));
      const between = new Date();
      await new Promise((r) => setTimeout(r, 20));
      await store.append('probe-b', [receipt('b')]);
      await store.close();
      const { asOf } = await import('../src/cli/asof.command');
      const q = 'SELECT probe_id AS id FROM probe_receipts ORDER BY probe_id';
      expect(await asOf({ service: 'points', dataDir: dir, at: between.toISOString(), sql: q })).toEqual([{ id: 'a' }]);
      expect(await asOf({ service: 'points', dataDir: dir, at: new Date().toISOString(), sql: q })).toEqual([{ id: 'a' }, { id: 'b' }]);
      await expect(asOf({ service: 'points', dataDir: dir, at: 'then', sql: q })).rejects.toThrow(/ISO-8601/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
