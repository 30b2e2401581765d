import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Topics } from '@hope/contracts';
import { matchingService } from '@hope/matching';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { eventually } from '../src/testing/eventually';

/**
 * One service in embedded mode, scraped like Prometheus would: the runtime feeds the bus's
 * per-partition lag into `hope_bus_consumer_lag{consumer,topic,partition}`, and every metric the
 * Grafana dashboard queries is on /metrics.
 */
describe('/metrics of a running service', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let platform: EmbeddedPlatform;
  const scrape = async () => (await fetch(`${platform.services.get('matching')!.url}/metrics`)).text();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-metrics-'));
    platform = await startEmbeddedPlatform({ services: [matchingService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the consumer group lag per topic and partition, every partition of every consumed topic', async () => {
    // The runtime measures every few seconds; a series per partition exists from the first measure on.
    const text = await eventually(async () => {
      const t = await scrape();
      expect(t).toMatch(/^hope_bus_consumer_lag\{consumer="matching",topic="hope\.demand\.events",partition="0",service="matching"\} \d+$/m);
      return t;
    }, { timeoutMs: 20_000, intervalMs: 250 });
    const series = [...text.matchAll(/^hope_bus_consumer_lag\{consumer="matching",topic="([^"]+)",partition="(\d+)"/gm)].map((m) => ({ topic: m[1]!, partition: Number(m[2]) }));
    const topics = matchingService.consumes;
    expect(topics).toContain(Topics.demand);
    const byTopic = (topic: string) => series.filter((s) => s.topic === topic).map((s) => s.partition).sort((a, b) => a - b);
    const partitions = byTopic(Topics.demand);
    expect(partitions.length).toBeGreaterThan(1);
    for (const topic of topics) expect(byTopic(topic)).toEqual(partitions.map((_, i) => i));
    expect(new Set(series.map((s) => s.topic))).toEqual(new Set(topics));
  });

  it('exports every metric the Grafana dashboard queries', async () => {
    await fetch(`${platform.services.get('matching')!.url}/compliance`); // one HTTP request, so the HTTP series have samples
    const text = await scrape();
    const typed = new Set<string>();
    for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) typed.add(name + s);
      else typed.add(name!);
    }
    const dashboard = readFileSync(resolve(__dirname, '../../deploy/grafana/hope-dashboard.json'), 'utf8');
    const queried = new Set([...dashboard.matchAll(/\b((?:http|hope|process|nodejs)_[a-z0-9_]+)\{/g)].map((m) => m[1]!));
    expect(queried.size).toBeGreaterThan(5);
    expect([...queried].filter((m) => !typed.has(m))).toEqual([]);
  });
});
