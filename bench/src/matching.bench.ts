/**
 * Matching: quality on a hand-labelled bilingual set, then speed and memory at community scale, each
 * figure beside its baseline measured in the same run, with the load average printed.
 * - quality: nDCG@10, recall@20 (experts graded 2-3) and cross-lingual recall@20 (graded 2-3, profile in
 *   the other language) over bench/data/matching-labelled.json, with the labelled experts alone and with
 *   PROFILES generated background profiles beside them, for the train and the held-out test split;
 *   conflict traps ranked (must be 0);
 * - the service's start in a process of its own (matching-start.ts): time to ready, RSS, heap, event-loop
 *   delay, built from the registry and loaded from the snapshot;
 * - index build time, heap and RSS; top-20 latency p50/p95/p99 through the postings beside a naive scan;
 * - incremental update: a profile changed -> upserted -> visible in the next ranking.
 * Run: node --expose-gc -r @swc-node/register bench/src/matching.bench.ts
 * Env: PROFILES (default 200000), DEMANDS (1000), NAIVE_DEMANDS (10), UPDATES (200), SEED (42),
 *      SPLIT (train|test|both, default both: which quality lines to print).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { loadExpertIndex, saveExpertIndex } from '../../services/matching/src/application/expert-index-snapshot';
import { ExpertIndex, type RankableExpert } from '../../services/matching/src/domain/ranking/expert-index';
import { rankExperts, type MatchQuery } from '../../services/matching/src/domain/ranking/rank';
import { defaultAnalyzer, loadLanguage } from '../../services/matching/src/language/language';
import { prng } from '@hope/kernel/testing';
import { generateBackground } from './matching-background';
import { quick, report } from './report';

interface LabelledDemand {
  readonly id: string;
  readonly split: 'train' | 'test';
  readonly lang: 'zh' | 'en';
  readonly text: string;
  readonly domain?: string;
  readonly ownerOrganisationId?: string;
  readonly relevance: Readonly<Record<string, number>>;
  readonly conflictTraps?: readonly string[];
}
interface LabelledSet {
  readonly now: string;
  readonly experts: readonly RankableExpert[];
  readonly demands: readonly LabelledDemand[];
}

export const loadLabelled = (): LabelledSet => JSON.parse(readFileSync(join(__dirname, '../data/matching-labelled.json'), 'utf8')) as LabelledSet;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** The machine's load average: latency figures are only comparable under a similar one. */
const load = (): string => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mean = (xs: readonly number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function latencyLine(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label.padEnd(38)} p50 ${ms(percentile(sorted, 50)).padStart(11)}  p95 ${ms(percentile(sorted, 95)).padStart(11)}  p99 ${ms(percentile(sorted, 99)).padStart(11)}  (n=${samples.length})`;
}

const gain = (g: number) => 2 ** g - 1;
function ndcgAt(k: number, ranked: readonly string[], grades: Readonly<Record<string, number>>): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(grades[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 1 : dcg / ideal;
}

const profileLanguage = (e: RankableExpert): 'zh' | 'en' => (e.profile.expertise?.zh ? 'zh' : 'en');

/** Quality of one setting over one split: nDCG@10, recall@20, cross-lingual recall@20, traps ranked; and per-demand misses for reading. */
function quality(index: ExpertIndex, set: LabelledSet, split: 'train' | 'test', now: Date) {
  const langOf = new Map(set.experts.map((e) => [e.expertId, profileLanguage(e)]));
  const ndcg: number[] = [];
  let found = 0;
  let wanted = 0;
  let crossFound = 0;
  let crossWanted = 0;
  let trapsRanked = 0;
  const misses: string[] = [];
  for (const d of set.demands.filter((x) => x.split === split)) {
    const q: MatchQuery = { text: d.text, limit: 20, now, ...(d.domain ? { domain: d.domain } : {}), ...(d.ownerOrganisationId ? { ownerOrganisationId: d.ownerOrganisationId } : {}) };
    const ranked = rankExperts(index, q).matches.map((m) => m.expertId);
    ndcg.push(ndcgAt(10, ranked, d.relevance));
    const top = new Set(ranked);
    for (const [id, g] of Object.entries(d.relevance)) {
      if (g < 2) continue;
      wanted++;
      if (top.has(id)) found++;
      else misses.push(`${d.id}:${id}`);
      if (langOf.get(id) !== d.lang) {
        crossWanted++;
        if (top.has(id)) crossFound++;
      }
    }
    trapsRanked += (d.conflictTraps ?? []).filter((id) => top.has(id)).length;
  }
  return { ndcg: mean(ndcg), recall: found / wanted, cross: crossFound / crossWanted, trapsRanked, demands: ndcg.length, misses };
}

function printQuality(label: string, index: ExpertIndex, set: LabelledSet, now: Date): void {
  const splits = (process.env.SPLIT ?? 'both') === 'both' ? (['train', 'test'] as const) : [process.env.SPLIT as 'train' | 'test'];
  for (const split of splits) {
    const r = quality(index, set, split, now);
    console.log(
      `quality ${label.padEnd(26)} ${split.padEnd(5)} (${r.demands} demands): nDCG@10 ${r.ndcg.toFixed(3)}  recall@20 ${r.recall.toFixed(3)}  cross-lingual recall@20 ${r.cross.toFixed(3)}  conflict traps ranked ${r.trapsRanked}` +
        (process.env.MISSES ? `  missed ${r.misses.join(' ')}` : ''),
    );
    report({ group: 'matching', name: `nDCG@10 ${label}, ${split} split`, value: Number(r.ndcg.toFixed(3)), unit: 'nDCG', goal: { value: { min: 0.85 } } });
    report({ group: 'matching', name: `cross-lingual recall@20 ${label}, ${split} split`, value: Number(r.cross.toFixed(3)), unit: 'recall' });
  }
}

/**
 * The service's start, in processes of their own (bench/src/matching-start.ts): the real MatchingIndex
 * warm-up from a registry of these profiles (a JSON-lines file read in chunks), then again from the
 * snapshot that start wrote. Sources load through the transpile-and-cache loader the worker threads use
 * (decision 0047), primed first, so no compiler (and not @swc-node's ~75 MB) sits in the measured process:
 * close to a built service running `dist/`.
 */
function serviceStart(experts: readonly RankableExpert[], profiles: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'hope-matching-start-'));
  try {
    const rows = join(dir, 'registry.jsonl');
    const out = openSync(rows, 'w');
    for (let i = 0; i < experts.length; i += 10_000) writeSync(out, experts.slice(i, i + 10_000).map((e) => `${JSON.stringify({ erased: false, restrictions: [], ...e })}\n`).join(''));
    closeSync(out);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const root = join(__dirname, '../..');
    const run = (...args: string[]): StartFigures => {
      const stdout = execFileSync(process.execPath, ['--expose-gc', '-r', join(root, 'libs/eventstore/src/threads/register-typescript.js'), join(__dirname, 'matching-start.ts'), ...args], {
        env: { ...process.env, HOPE_TSCONFIG: join(root, 'tsconfig.json') },
        maxBuffer: 16 << 20,
        encoding: 'utf8',
      });
      return JSON.parse(stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()!) as StartFigures;
    };
    run('--prime');
    const built = run(rows, dataDir);
    const loaded = run(rows, dataDir);
    for (const [how, f] of [['built from the registry', built], ['loaded from its snapshot', loaded]] as const) {
      console.log(
        `service start, index ${how}: ready in ${ms(f.readyMs)} (CPU ${ms(f.cpuMs)}), ${f.experts} experts; RSS ${f.rssMb.toFixed(0)} MB settled (${f.rssAtReadyMb.toFixed(0)} MB at ready, peak ${f.maxRssMb.toFixed(0)} MB; ` +
          `${f.rssBeforeMb.toFixed(0)} MB with the code loaded and no index), heap ${f.heapMb.toFixed(0)} MB, array buffers ${f.arrayBuffersMb.toFixed(0)} MB; event loop delay max ${ms(f.loopDelayMaxMs)}, p99 ${ms(f.loopDelayP99Ms)}`,
      );
    }
    report({ group: 'matching', name: `service start, index built from ${profiles} profiles: time to ready`, value: Math.round(built.readyMs), unit: 'ms', baseline: { name: 'start from the snapshot', value: Math.round(loaded.readyMs) }, goal: { value: { max: 10_000 } }, note: `CPU ${Math.round(built.cpuMs)} ms` });
    report({ group: 'matching', name: `service RSS with ${profiles} profiles indexed (built)`, value: Math.round(built.rssMb), unit: 'MB', baseline: { name: 'same process, code loaded, no index', value: Math.round(built.rssBeforeMb) }, goal: { value: { max: 600 } }, note: `peak ${Math.round(built.maxRssMb)} MB while writing the snapshot` });
    report({ group: 'matching', name: `service RSS with ${profiles} profiles indexed (from the snapshot)`, value: Math.round(loaded.rssMb), unit: 'MB', baseline: { name: 'same process, code loaded, no index', value: Math.round(loaded.rssBeforeMb) }, goal: { value: { max: 600 } }, note: `peak ${Math.round(loaded.maxRssMb)} MB` });
    report({ group: 'matching', name: 'service start: event loop delay max while the index warms up (built)', value: Number(built.loopDelayMaxMs.toFixed(1)), unit: 'ms', baseline: { name: 'from the snapshot', value: Number(loaded.loopDelayMaxMs.toFixed(1)) } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface StartFigures {
  readonly readyMs: number;
  readonly cpuMs: number;
  readonly experts: number;
  readonly rssBeforeMb: number;
  readonly rssAtReadyMb: number;
  readonly rssMb: number;
  readonly maxRssMb: number;
  readonly heapMb: number;
  readonly arrayBuffersMb: number;
  readonly loopDelayMaxMs: number;
  readonly loopDelayP99Ms: number;
}

export async function runMatchingBench(): Promise<void> {
  const profiles = Number(process.env.PROFILES ?? (quick() ? 10_000 : 200_000));
  const demandCount = Number(process.env.DEMANDS ?? (quick() ? 200 : 1_000));
  const naiveCount = Math.min(demandCount, Number(process.env.NAIVE_DEMANDS ?? 10));
  const updates = Number(process.env.UPDATES ?? 200);
  const seed = Number(process.env.SEED ?? 42);
  const set = loadLabelled();
  const now = new Date(set.now);
  console.log(`matching: ${set.experts.length} labelled experts, ${set.demands.length} labelled demands; background profiles ${profiles.toLocaleString('en-US')} (seed ${seed}); ${load()}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for a steadier heap figure)');

  const language = timed(() => defaultAnalyzer());
  console.log(`language resources (jieba + CC-CEDICT) loaded in ${ms(language.ms)}`);
  const alone = new ExpertIndex(language.value);
  for (const e of set.experts) alone.upsert(e);
  printQuality('labelled experts alone', alone, set, now);

  const gen = timed(() => generateBackground(loadLanguage().lexicon, profiles, demandCount, seed));
  console.log(`background generated in ${ms(gen.ms)}`);
  serviceStart([...gen.value.experts, ...set.experts], profiles);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new ExpertIndex(language.value);
  const build = timed(() => {
    for (const e of gen.value.experts) index.upsert(e);
    for (const e of set.experts) index.upsert(e);
  });
  gc();
  const memory = process.memoryUsage();
  console.log(`index build in the bench's process: ${ms(build.ms)} (${Math.round((index.size / build.ms) * 1000).toLocaleString('en-US')} profiles/s), heap +${mb(memory.heapUsed - heapBefore)}, RSS ${mb(memory.rss)} (with the generated profiles held)`);
  printQuality(`with ${profiles.toLocaleString('en-US')} background`, index, set, now);

  const queries = [...set.demands.map((d) => ({ text: d.text, limit: 20, ...(d.domain ? { domain: d.domain } : {}) })), ...gen.value.demands];
  const indexed: number[] = [];
  const naive: number[] = [];
  let same = 0;
  let matched = 0;
  for (const [i, d] of queries.entries()) {
    const q = { ...d, now };
    const viaIndex = timed(() => rankExperts(index, q));
    indexed.push(viaIndex.ms);
    if (viaIndex.value.matches.length > 0) matched++;
    if (i >= naiveCount) continue;
    const viaScan = timed(() => rankExperts(index, q, 'every-profile'));
    naive.push(viaScan.ms);
    if (JSON.stringify(viaScan.value) === JSON.stringify(viaIndex.value)) same++;
  }
  console.log(latencyLine('top-20 via the inverted index', indexed));
  console.log(latencyLine('top-20 via a naive scan (baseline)', naive));
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))] ?? 0;
  report({ group: 'matching', name: `top-20 p95 over ${profiles} profiles`, value: Number(p95(indexed).toFixed(2)), unit: 'ms', baseline: { name: 'naive scan p95', value: Number(p95(naive).toFixed(2)) }, goal: { value: { max: 20 } } });
  report({ group: 'matching', name: `index build in the bench's process, ${profiles} profiles`, value: Math.round(build.ms), unit: 'ms', note: 'a loop of upserts, nothing else running; the service figure is the start above' });
  const snapshotFile = join(mkdtempSync(join(tmpdir(), 'hope-matching-bench-')), 'expert-index.snapshot');
  const saved = await timedAsync(() => saveExpertIndex(snapshotFile, index, { seq: 1, funnelSeq: 0 }));
  const loaded = await timedAsync(() => loadExpertIndex(snapshotFile, language.value));
  console.log(`snapshot: written in ${ms(saved.ms)}, ${mb(statSync(snapshotFile).size)} on disk; loaded in ${ms(loaded.ms)} (${loaded.value?.index.size ?? 0} experts) beside the build's ${ms(build.ms)}`);
  report({ group: 'matching', name: `index snapshot load, ${profiles} profiles`, value: Math.round(loaded.ms), unit: 'ms', baseline: { name: 'index build from profiles', value: Math.round(build.ms) } });
  rmSync(dirname(snapshotFile), { recursive: true, force: true });
  console.log(`naive scan and index agree on ${same}/${naive.length} rankings; ${matched}/${queries.length} demands matched someone above the minimum relevance`);

  const rnd = prng(seed + 1);
  const upserts: number[] = [];
  const visible: number[] = [];
  let misses = 0;
  for (let i = 0; i < updates; i++) {
    const target = gen.value.experts[Math.floor(rnd() * gen.value.experts.length)]!;
    const marker = `zqx${i}marker`;
    const changed: RankableExpert = { ...target, profile: { ...target.profile, skills: [...(target.profile.skills ?? []), { name: marker, lastPractised: 2025 }] } };
    const up = timed(() => index.upsert(changed));
    const seen = timed(() => rankExperts(index, { text: marker, limit: 20, now }));
    upserts.push(up.ms);
    visible.push(up.ms + seen.ms);
    if (!seen.value.matches.some((m) => m.expertId === target.expertId)) misses++;
  }
  console.log(latencyLine('incremental upsert', upserts));
  console.log(latencyLine('profile changed -> visible in results', visible));
  console.log(`changed profiles missing from the next ranking: ${misses}/${updates}`);
  console.log(`${load()} at the end (figures on a shared machine move with it)`);
}

if (require.main === module) {
  runMatchingBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
