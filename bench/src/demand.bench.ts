// Demand search over 100,000 published demands (mixed Chinese/English) through the catalogue query,
// beside a plain linear scan of the same documents in the same run, with the top-20 overlap; and
// proposal submission throughput over HTTP with the demand service in embedded mode.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@hope/eventstore';
import { startEmbeddedPlatform } from '@hope/platform';
import { demandService } from '../../services/demand/src';
import type { DemandContent } from '../../services/demand/src/domain/demand/demand.content';
import { confidentialAccessProjection } from '../../services/demand/src/projections/confidential-access/confidential-access.projection';
import { demandCatalogueProjection } from '../../services/demand/src/projections/demand-catalogue/demand-catalogue.projection';
import { browseDemands } from '../../services/demand/src/projections/demand-catalogue/demand-catalogue.query';
import { PUBLIC_STATUSES } from '../../services/demand/src/domain/demand/demand.visibility';
import { quick, report } from './report';

const N = Number(process.env.DEMAND_BENCH_N ?? 100_000);
const QUERIES = 200;
const EN = ['compressor', 'battery', 'sensor', 'coating', 'motor', 'vision', 'thermal', 'acoustic', 'polymer', 'robot', 'edge', 'hydrogen'];
const ZH = ['压缩机', '电池', '传感器', '涂层', '电机', '视觉', '热管理', '降噪', '高分子', '机器人', '边缘计算', '氢能'];
const DOMAINS = ['smart-home', 'industrial-internet', 'health', 'automotive'];

const recorded = (i: number, type: string, data: unknown): RecordedEvent =>
  ({ id: `e-${type}-${i}`, stream: `demand-${i}`, revision: 0, position: { commit: BigInt(i), prepare: BigInt(i) }, type, data, metadata: {}, recordedAt: new Date(0) }) as unknown as RecordedEvent;

function content(i: number): DemandContent {
  const a = i % EN.length;
  const b = (i * 7 + 3) % EN.length;
  const zh = i % 2 === 0;
  return {
    title: zh ? { zh: `${ZH[a]}与${ZH[b]}方案 ${i}` } : { en: `${EN[a]} and ${EN[b]} solution ${i}` },
    description: zh ? { zh: `寻找${ZH[a]}技术，要求${ZH[b]}。` } : { en: `Looking for ${EN[a]} technology with ${EN[b]} constraints.` },
    domain: DOMAINS[i % DOMAINS.length]!,
    keywords: [EN[a]!, ZH[b]!],
    capabilities: [],
    subProblems: [],
    maturity: 'idea',
    trl: 1 + (i % 9),
    ipTerms: 'none',
    deadline: new Date(Date.UTC(2031, 0, 1) + i * 60_000).toISOString(),
    visibility: i % 10 === 0 ? 'confidential' : 'public',
    anonymous: false,
  };
}

const percentile = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

export async function runDemandSearchBench(): Promise<void> {
  // DEMAND_BENCH_DB=<file> keeps the catalogue for a look at query plans afterwards.
  const db = new Database(process.env.DEMAND_BENCH_DB ?? ':memory:');
  db.exec(demandCatalogueProjection.schema);
  db.exec(confidentialAccessProjection.schema);
  const docs: { id: string; text: string; visibility: string; publishedAt: string }[] = [];
  const t0 = performance.now();
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const c = content(i);
      const publishedAt = new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString();
      demandCatalogueProjection.apply(db, recorded(i, 'DemandDrafted', { demandId: `d-${i}`, organisationId: `org-${i % 50}`, authorId: 'a', content: c, draftedAt: publishedAt }));
      demandCatalogueProjection.apply(db, recorded(i, 'DemandPublished', { demandId: `d-${i}`, organisationId: `org-${i % 50}`, title: c.title, domain: c.domain, keywords: c.keywords, publishedBy: 'op', publishedAt }));
      const text = [c.title.en, c.title.zh, c.description.en, c.description.zh, ...c.keywords].filter(Boolean).join('\n').toLowerCase();
      docs.push({ id: `d-${i}`, text, visibility: c.visibility, publishedAt });
    }
  })();
  console.log(`loaded ${N} published demands through the projection in ${fmt(performance.now() - t0)}`);

  const expert = { subject: 'x-1', role: 'expert' as const };
  // English words and 3+ character Chinese words go through the FTS5 trigram index (a phrase match);
  // 1-2 character words (电池, 降噪) through its vocabulary (the trigrams starting with the word).
  // Common words fill a page from the newest rows (first pass); rare ones (one demand's number, or no
  // match at all) need the whole catalogue, driven by the index. The last row is the baseline for the
  // 1-2 character index: the same rare words the way they were answered before it, a LIKE walk over
  // every visible row (the old second pass's SQL, less the NDA clause: no confidential row matches).
  const rare = Array.from({ length: 50 }, (_, i) => ((i * 7919) % N));
  const groups = {
    'common en (FTS5 trigram)': EN,
    'common zh 3+ chars (FTS5 trigram)': ZH.filter((w) => [...w].length >= 3),
    'common zh 2 chars (FTS5 vocabulary)': ZH.filter((w) => [...w].length < 3),
    'rare en/zh 3+ chars (FTS5 trigram)': rare.map((i) => (i % 2 === 0 ? `方案 ${i}` : `solution ${i}`)),
    'rare 2 chars, no match (FTS5 vocabulary)': ['无匹', 'qz'],
    'rare 1 char, no match (FTS5 vocabulary)': ['の', '#'],
    'rare 2 chars, no match (before: LIKE walk)': ['无匹', 'qz'],
  };
  const likeWalk = db.prepare<unknown[], { demand_id: string }>(
    `SELECT demand_id FROM demand_catalogue WHERE status IN (${PUBLIC_STATUSES.map(() => '?').join(', ')}) AND visibility IN ('public', 'restricted') AND search_text LIKE ? ORDER BY listed_at DESC, demand_id DESC LIMIT 20`,
  );
  const search = (group: string, keyword: string): string[] =>
    group.includes('before')
      ? likeWalk.all(...PUBLIC_STATUSES, `%${keyword.toLowerCase()}%`).map((r) => r.demand_id)
      : browseDemands(db, expert, { keyword, sort: 'newest', limit: 20 }).items.map((d) => d.demandId);
  const rows: Record<string, string>[] = [];
  const all = { catalogue: [] as number[], scan: [] as number[] };
  let overlapSum = 0;
  let queries = 0;
  for (const [group, words] of Object.entries(groups)) {
    const catalogue: number[] = [];
    const scan: number[] = [];
    let overlap = 0;
    for (let q = 0; q < QUERIES / 2; q++) {
      const keyword = words[q % words.length]!;
      let s = performance.now();
      const viaQuery = search(group, keyword);
      catalogue.push(performance.now() - s);
      s = performance.now();
      const k = keyword.toLowerCase();
      const viaScan = docs
        .filter((d) => d.visibility !== 'confidential' && d.text.includes(k))
        .sort((x, y) => (x.publishedAt === y.publishedAt ? (x.id < y.id ? 1 : -1) : x.publishedAt < y.publishedAt ? 1 : -1))
        .slice(0, 20)
        .map((d) => d.id);
      scan.push(performance.now() - s);
      const inScan = new Set(viaScan);
      // Two empty answers agree.
      overlap += viaScan.length === 0 ? (viaQuery.length === 0 ? 1 : 0) : viaQuery.filter((id) => inScan.has(id)).length / viaScan.length;
    }
    rows.push({ queries: group, 'catalogue p50': fmt(percentile(catalogue, 50)), 'catalogue p99': fmt(percentile(catalogue, 99)), 'scan p50': fmt(percentile(scan, 50)), 'scan p99': fmt(percentile(scan, 99)), 'top-20 overlap': `${((overlap / (QUERIES / 2)) * 100).toFixed(1)}%` });
    if (group.includes('before')) continue; // a baseline, not one of the queries served
    all.catalogue.push(...catalogue);
    all.scan.push(...scan);
    overlapSum += overlap;
    queries += QUERIES / 2;
  }
  rows.push({ queries: 'all', 'catalogue p50': fmt(percentile(all.catalogue, 50)), 'catalogue p99': fmt(percentile(all.catalogue, 99)), 'scan p50': fmt(percentile(all.scan, 50)), 'scan p99': fmt(percentile(all.scan, 99)), 'top-20 overlap': `${((overlapSum / queries) * 100).toFixed(1)}%` });
  console.log(`\nDemand search over ${N} demands, ${queries} keyword queries, top 20 visible to an expert: the catalogue query (SQLite) beside a plain linear scan in memory (filter, sort, top 20)`);
  console.table(rows);
  report({ group: 'demand', name: `keyword search p99 over ${N} demands`, value: percentile(all.catalogue, 99), unit: 'ms', baseline: { name: 'linear scan in memory, p99', value: percentile(all.scan, 99) } });
  db.close();
}

export async function runProposalThroughputBench(durationMs = quick() ? 1_000 : 3_000, concurrency = 16): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-demand-bench-'));
  const platform = await startEmbeddedPlatform({ services: [demandService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  try {
    const url = platform.services.get('demand')!.url;
    const call = async (token: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: r.status, body: (await r.json()) as { demandId?: string } };
    };
    const op = await platform.devIssuer.issue({ sub: 'op', role: 'operator' });
    // Tenancy rests on membership: the organisation and its member are registered before acting for it.
    await call(op, '/organisations', { organisationId: 'org-haier', name: { en: 'Haier' }, kind: 'business-unit' });
    const member = await fetch(`${url}/organisations/org-haier/members/alice`, { method: 'PUT', headers: { authorization: `Bearer ${op}` } });
    if (member.status !== 200) throw new Error(`adding alice to org-haier: ${member.status}`);
    const alice = await platform.devIssuer.issue({ sub: 'alice', role: 'enterprise', org: 'org-haier' });
    const c = content(1);
    const created = await call(alice, '/demands', { ...c, deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), visibility: 'public' });
    const demandId = created.body.demandId!;
    await call(alice, `/demands/${demandId}/submission`);
    await call(op, `/demands/${demandId}/publication`);
    const experts = await Promise.all(Array.from({ length: concurrency }, (_, i) => platform.devIssuer.issue({ sub: `x-${i}`, role: 'expert' })));
    let ok = 0;
    let failed = 0;
    const until = performance.now() + durationMs;
    const latencies: number[] = [];
    await Promise.all(
      experts.map(async (token, w) => {
        for (let i = 0; performance.now() < until; i++) {
          const s = performance.now();
          const r = await call(token, `/demands/${demandId}/proposals`, { kind: i % 3 === 0 ? 'plan' : 'clue', title: `p ${w}-${i}`, body: 'Bench body.' });
          latencies.push(performance.now() - s);
          if (r.status === 201) ok += 1;
          else failed += 1;
        }
      }),
    );
    console.log(`\nProposal submission over HTTP (embedded, ${concurrency} concurrent experts, ${durationMs} ms)`);
    console.table([{ 'proposals/s': Math.round(ok / (durationMs / 1000)), ok, failed, p50: fmt(percentile(latencies, 50)), p99: fmt(percentile(latencies, 99)) }]);
    report({ group: 'demand', name: `proposal submission over HTTP, ${concurrency} clients`, value: Math.round(ok / (durationMs / 1000)), unit: 'req/s', note: `p99 ${fmt(percentile(latencies, 99))}, ${failed} failed` });
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  (async () => {
    await runDemandSearchBench();
    await runProposalThroughputBench();
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
