/**
 * Matching engine at community scale, each figure beside its baseline measured in the same run:
 * - a seeded generator of bilingual synthetic profiles (Chinese, English or both; skills with years,
 *   domains, employers, tiers) drawn from the ranking glossary plus filler vocabulary;
 * - index build time and heap growth;
 * - top-20 query latency p50/p95/p99 for DEMANDS demands through the inverted index, beside a naive scan
 *   that scores every profile with the same formula, and the overlap of the two top-20s;
 * - incremental update latency: a profile changed -> upserted -> visible in the next ranking.
 * Run: node --expose-gc -r @swc-node/register bench/src/matching.bench.ts
 * Env: PROFILES (default 200000), DEMANDS (1000), NAIVE_DEMANDS (default DEMANDS), UPDATES (200), SEED (42).
 * Profile with: PROFILES=50000 DEMANDS=300 node --expose-gc --cpu-prof -r @swc-node/register bench/src/matching.bench.ts
 */
import { ExpertIndex, type RankableExpert } from '../../services/matching/src/domain/ranking/expert-index';
import { GLOSSARY, ZH_WORDS } from '../../services/matching/src/domain/ranking/glossary';
import { rankExperts, type MatchQuery } from '../../services/matching/src/domain/ranking/rank';
import type { Tier } from '../../services/matching/src/domain/expert/expert.events';
import { loadavg } from 'node:os';
import { report } from './report';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const EN_FILLER = ['design', 'optimisation', 'testing', 'reliability', 'manufacturing', 'simulation', 'prototype', 'quality', 'materials', 'efficiency', 'control', 'analysis', 'system', 'modelling', 'integration', 'low temperature', 'cost reduction', 'certification', 'durability', 'process'];
const DOMAINS = ['hvac', 'appliances', 'materials', 'energy', 'electronics', 'water', 'automation', 'ai'];
const ORGS = 500;

interface Generated {
  experts: RankableExpert[];
  demands: Omit<MatchQuery, 'now'>[];
}

export function generate(profiles: number, demands: number, seed: number): Generated {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T>(xs: readonly T[], min: number, max: number): T[] => Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, () => pick(xs));
  const zhText = (concepts: typeof GLOSSARY) => concepts.map((c) => pick(c.zh) + pick(ZH_WORDS)).join('，') + '的研发经验';
  const enText = (concepts: typeof GLOSSARY) => `${concepts.map((c) => `${pick(c.en)} ${pick(EN_FILLER)}`).join(', ')} for ${pick(EN_FILLER)}`;

  const experts: RankableExpert[] = [];
  for (let i = 0; i < profiles; i++) {
    const concepts = some(GLOSSARY, 2, 4);
    const lang = rnd();
    const expertise = lang < 0.45 ? { zh: zhText(concepts) } : lang < 0.8 ? { en: enText(concepts) } : { zh: zhText(concepts), en: enText(concepts) };
    const org = Math.floor(rnd() * ORGS);
    const current = rnd() < 0.6;
    experts.push({
      expertId: `x${String(i).padStart(7, '0')}`,
      tier: pick<Tier>(['interest', 'interest', 'interest', 'core', 'core', 'certified']),
      profile: {
        name: `expert ${i}`,
        expertise,
        domains: some(DOMAINS, 1, 2),
        skills: concepts.slice(0, 3).map((c) => ({ name: rnd() < 0.5 ? pick(c.zh) : pick(c.en), lastPractised: 2010 + Math.floor(rnd() * 16) })),
        employers: [{ employer: `Org ${org}`, organisationId: `org-${org}`, from: '2015-01', ...(current ? {} : { to: '2022-06' }) }],
        availability: pick(['available', 'available', 'limited', 'unavailable'] as const),
      },
    });
  }
  const queries: Omit<MatchQuery, 'now'>[] = [];
  for (let i = 0; i < demands; i++) {
    const concepts = some(GLOSSARY, 1, 3);
    queries.push({
      text: rnd() < 0.5 ? zhText(concepts) : enText(concepts),
      ...(rnd() < 0.5 ? { domain: pick(DOMAINS) } : {}),
      ownerOrganisationId: `org-${Math.floor(rnd() * ORGS)}`,
      limit: 20,
    });
  }
  return { experts, demands: queries };
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** The machine's load average: latency figures are only comparable under a similar one. */
const load = (): string => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function latencyLine(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label.padEnd(34)} p50 ${ms(percentile(sorted, 50)).padStart(11)}  p95 ${ms(percentile(sorted, 95)).padStart(11)}  p99 ${ms(percentile(sorted, 99)).padStart(11)}  (n=${samples.length})`;
}

export async function runMatchingBench(): Promise<void> {
  const profiles = Number(process.env.PROFILES ?? 200_000);
  const demandCount = Number(process.env.DEMANDS ?? 1_000);
  const naiveCount = Math.min(demandCount, Number(process.env.NAIVE_DEMANDS ?? demandCount));
  const updates = Number(process.env.UPDATES ?? 200);
  const seed = Number(process.env.SEED ?? 42);
  const now = new Date('2026-06-01T00:00:00Z');

  const gen = timed(() => generate(profiles, demandCount, seed));
  console.log(`profiles ${profiles.toLocaleString('en-US')} (seed ${seed}), demands ${demandCount}; generated in ${ms(gen.ms)}; ${load()}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for a steadier heap figure)');

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new ExpertIndex();
  const build = timed(() => {
    for (const e of gen.value.experts) index.upsert(e);
  });
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(`index build: ${ms(build.ms)} (${Math.round((profiles / build.ms) * 1000).toLocaleString('en-US')} profiles/s), heap +${mb(heapAfter - heapBefore)}`);

  const indexed: number[] = [];
  const naive: number[] = [];
  const overlaps: number[] = [];
  const candidates: number[] = [];
  for (const [i, d] of gen.value.demands.entries()) {
    const q = { ...d, now };
    const viaIndex = timed(() => rankExperts(index, q));
    indexed.push(viaIndex.ms);
    candidates.push(viaIndex.value.matches.length === 0 ? 0 : 1);
    if (i >= naiveCount) continue;
    const viaScan = timed(() => rankExperts(index, q, 'every-profile'));
    naive.push(viaScan.ms);
    const top = new Set(viaScan.value.matches.map((m) => m.expertId));
    overlaps.push(top.size === 0 ? 1 : viaIndex.value.matches.filter((m) => top.has(m.expertId)).length / top.size);
  }
  console.log(latencyLine('top-20 via the inverted index', indexed));
  console.log(latencyLine('top-20 via a naive scan (baseline)', naive));
  if (naiveCount < demandCount) console.log(`(the naive scan ran for the first ${naiveCount} demands only: NAIVE_DEMANDS)`);
  console.log(`top-20 overlap with the naive scan: mean ${(overlaps.reduce((a, b) => a + b, 0) / overlaps.length * 100).toFixed(2)}%, min ${(Math.min(...overlaps) * 100).toFixed(1)}% over ${overlaps.length} demands; ${candidates.filter((c) => c > 0).length}/${demandCount} demands matched someone`);

  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))] ?? 0;
  report({ group: 'matching', name: `top-20 p95 over ${profiles} profiles`, value: p95(indexed), unit: 'ms', baseline: { name: 'naive scan p95', value: p95(naive) }, goal: { value: { max: 20 } } });
  report({ group: 'matching', name: `index build, ${profiles} profiles`, value: build.ms / 1000, unit: 's', goal: { value: { max: 10 } } });
  report({ group: 'matching', name: `RSS with ${profiles} profiles indexed`, value: process.memoryUsage().rss / 2 ** 20, unit: 'MB', goal: { value: { max: 600 } }, note: 'the bench process also holds the generated profiles' });

  // Incremental: a profile gains a rare skill; measure upsert, then the ranking that must show it.
  const rnd = prng(seed + 1);
  const upserts: number[] = [];
  const visible: number[] = [];
  let misses = 0;
  for (let i = 0; i < updates; i++) {
    const target = gen.value.experts[Math.floor(rnd() * gen.value.experts.length)]!;
    const marker = `zqx${i}marker`;
    const changed: RankableExpert = { ...target, profile: { ...target.profile, expertise: { ...target.profile.expertise, en: `${target.profile.expertise?.en ?? ''} ${marker}` } } };
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
