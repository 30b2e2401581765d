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
import { demandCatalogueProjection } from '../../services/demand/src/projections/demand-catalogue/demand-catalogue.projection';
import { browseDemands } from '../../services/demand/src/projections/demand-catalogue/demand-catalogue.query';

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
  const db = new Database(':memory:');
  db.exec(demandCatalogueProjection.schema);
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
  const catalogue: number[] = [];
  const scan: number[] = [];
  let overlap = 0;
  for (let q = 0; q < QUERIES; q++) {
    const keyword = q % 2 === 0 ? ZH[q % ZH.length]! : EN[q % EN.length]!;
    let s = performance.now();
    const viaQuery = browseDemands(db, expert, { keyword, limit: 20 }).items.map((d) => d.demandId);
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
    overlap += viaQuery.filter((id) => inScan.has(id)).length / Math.max(1, viaScan.length);
  }
  console.log(`\nDemand search, ${QUERIES} keyword queries (half zh, half en), top 20 visible to an expert`);
  console.table([
    { method: 'catalogue query (SQLite, LIKE over search_text, keyset order)', p50: fmt(percentile(catalogue, 50)), p99: fmt(percentile(catalogue, 99)) },
    { method: 'plain linear scan in memory (filter, sort, top 20)', p50: fmt(percentile(scan, 50)), p99: fmt(percentile(scan, 99)) },
  ]);
  console.log(`top-20 overlap: ${((overlap / QUERIES) * 100).toFixed(1)}%`);
  db.close();
}

export async function runProposalThroughputBench(durationMs = 3_000, concurrency = 16): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-demand-bench-'));
  const platform = await startEmbeddedPlatform({ services: [demandService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  try {
    const url = platform.services.get('demand')!.url;
    const call = async (token: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: r.status, body: (await r.json()) as { demandId?: string } };
    };
    const alice = await platform.devIssuer.issue({ sub: 'alice', role: 'enterprise', org: 'org-haier' });
    const op = await platform.devIssuer.issue({ sub: 'op', role: 'operator' });
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
