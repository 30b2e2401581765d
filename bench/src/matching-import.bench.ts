// Bulk import of expert profiles (POST /experts/imports) beside raw appends of the same events to a
// fresh embedded store, measured in the same run: the gap is what validation, sealing the personal
// fields, the per-expert key, the decider and the projections cost per profile.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hope/eventstore';
import { startEmbeddedPlatform } from '@hope/platform';
import { matchingService } from '@hope/matching';
import { quick, report } from './report';

const load = (): string => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;

const SKILLS = ['acoustics', 'compressor design', 'vibration control', 'heat exchangers', 'refrigerants', 'CFD', 'motor control', 'sealing', '振动控制', '碳纤维复合材料'];

/** A realistic profile line: personal fields (sealed on join) and the ranked ones. */
export const profileLine = (i: number): string =>
  JSON.stringify({
    externalId: `bench-${i}`,
    name: `Expert ${i}`,
    email: `expert${i}@example.cn`,
    bio: { en: `Twenty years of work on ${SKILLS[i % SKILLS.length]} and ${SKILLS[(i * 7) % SKILLS.length]}`, zh: '多年从事压缩机降噪与振动控制研究' },
    expertise: { en: `${SKILLS[i % SKILLS.length]} for household appliances` },
    domains: ['hvac'],
    skills: [
      { name: SKILLS[i % SKILLS.length], lastPractised: 2024 },
      { name: SKILLS[(i * 3) % SKILLS.length], lastPractised: 2020 },
    ],
    employers: [{ employer: `Company ${i % 500}`, from: '2010-01' }],
    region: i % 2 === 0 ? 'Qingdao' : 'Shanghai',
    languages: ['zh', 'en'],
    availability: 'available',
  });

/** Baseline: the same number of one-event streams appended raw, 256 at a time (the store's group commit). */
async function rawAppends(count: number, lines: readonly string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-import-raw-'));
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  try {
    const started = performance.now();
    for (let i = 0; i < count; i += 256) {
      await Promise.all(
        lines.slice(i, i + 256).map((l, j) => store.append(`expert-raw-${i + j}`, [{ id: randomUUID(), type: 'ExpertJoined', data: JSON.parse(l) as unknown }], { expectedRevision: 'no_stream' })),
      );
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Wall time and this process's CPU time (the embedded service runs in it): on a shared machine the
 * CPU seconds per profile are the figure that does not depend on what the neighbours run.
 */
async function importOnce(url: string, token: string, body: string): Promise<{ seconds: number; cpuSeconds: number; report: Record<string, unknown> }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const r = await fetch(`${url}/experts/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body });
  const text = await r.text();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const last = text.trim().split('\n').pop() ?? '{}';
  return { seconds, cpuSeconds, report: (JSON.parse(last) as { report?: Record<string, unknown> }).report ?? { error: last } };
}

export async function runMatchingImportBench(count = Number(process.env.BENCH_IMPORT_COUNT ?? (quick() ? 2_000 : 20_000))): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => profileLine(i));
  const body = lines.join('\n');
  console.log(`import ${count} expert profiles (${(body.length / 1e6).toFixed(1)} MB), ${load()}`);
  const raw = await rawAppends(count, lines);
  const dir = mkdtempSync(join(tmpdir(), 'hope-import-bench-'));
  const platform = await startEmbeddedPlatform({ services: [matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0' } });
  try {
    const token = await platform.devIssuer.issue({ sub: 'bench-op', role: 'operator' });
    const url = platform.services.get('matching')!.url;
    // The service's first import starts its validation thread (a module load, once per process): a small
    // import of other experts first, so the figures are the steady state an operator's imports see.
    await importOnce(url, token, Array.from({ length: 300 }, (_, i) => profileLine(count + i)).join('\n'));
    const first = await importOnce(url, token, body);
    const again = await importOnce(url, token, body);
    console.table([
      { case: 'raw appends (baseline, 256 per group commit)', 'profiles/s': Math.round(raw), seconds: (count / raw).toFixed(2), 'profiles per CPU s': '', report: '' },
      {
        case: 'import, new experts (until visible in the registry)',
        'profiles/s': Math.round(count / first.seconds),
        seconds: first.seconds.toFixed(2),
        'profiles per CPU s': Math.round(count / first.cpuSeconds),
        report: JSON.stringify({ joined: first.report.joined, rejected: first.report.rejected }),
      },
      {
        case: 're-import (nothing changes)',
        'profiles/s': Math.round(count / again.seconds),
        seconds: again.seconds.toFixed(2),
        'profiles per CPU s': Math.round(count / again.cpuSeconds),
        report: JSON.stringify({ unchanged: again.report.unchanged, rejected: again.report.rejected }),
      },
    ]);
    const baseline = { name: 'raw one-event appends, 256 per group commit', value: raw };
    const note = `${count} generated profiles; CPU seconds are the whole process (service, validation thread, bench client)`;
    report({ group: 'matching-import', name: 'import of new experts, until visible', value: count / first.seconds, unit: 'profiles/s', baseline, goal: { value: { min: 2_000 } }, note });
    report({ group: 'matching-import', name: 'import of new experts per CPU second', value: count / first.cpuSeconds, unit: 'profiles/CPU s', note });
    report({ group: 'matching-import', name: 're-import, nothing changes', value: count / again.seconds, unit: 'profiles/s', baseline, note });
    console.log(`after: ${load()} (goal: >= 2,000 profiles/s for new experts)`);
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runMatchingImportBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
