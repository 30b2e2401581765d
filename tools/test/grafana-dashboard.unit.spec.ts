import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MetricsService } from '@hope/platform';

/**
 * deploy/grafana/hope-dashboard.json against what the services export: every metric a query names is
 * one MetricsService registers (HTTP, lag, saga and default process metrics), with the labels the
 * query uses. A renamed metric or label fails here, not on an SRE's blank panel.
 */
interface Target {
  expr: string;
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown }[] };
}

const dashboard = JSON.parse(readFileSync(resolve(__dirname, '../../deploy/grafana/hope-dashboard.json'), 'utf8')) as Dashboard;
const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
const queried = allPanels(dashboard.panels).filter((p) => p.type !== 'row');

const FUNCTIONS_AND_KEYWORDS = new Set(['sum', 'max', 'min', 'avg', 'count', 'rate', 'irate', 'increase', 'histogram_quantile', 'by', 'without', 'on', 'ignoring', 'and', 'or', 'unless', 'topk', 'bottomk']);
/** Labels Prometheus adds (scrape) or the histogram has, beyond the ones a metric declares. */
const IMPLICIT_LABELS = new Set(['service', 'instance', 'job', 'le']);

/** Metric names and label names a PromQL expression uses (strings, ranges and variables removed). */
export function parseExpr(expr: string): { metrics: string[]; labels: string[] } {
  const labels: string[] = [];
  let rest = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '');
  rest = rest.replace(/\{([^}]*)\}/g, (_, inner: string) => {
    for (const m of inner.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)) labels.push(m[1]!);
    return ' ';
  });
  rest = rest.replace(/\b(?:by|without)\s*\(([^)]*)\)/g, (_, inner: string) => {
    labels.push(...inner.split(',').map((l) => l.trim()).filter(Boolean));
    return ' ';
  });
  // A whole identifier (not a variable, not a number's digits) that is not called like a function.
  const metrics = [...rest.matchAll(/(?<![\w$.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()/g)].map((m) => m[1]!).filter((n) => !FUNCTIONS_AND_KEYWORDS.has(n));
  return { metrics, labels };
}

/** The series names MetricsService exposes (a histogram as its _bucket/_sum/_count), with their labels. */
async function exported(): Promise<Map<string, Set<string>>> {
  const metrics = new MetricsService('points');
  const names = new Map<string, Set<string>>();
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    const declared = (metrics.registry.getSingleMetric(m.name) as unknown as { labelNames?: string[] } | undefined)?.labelNames ?? [];
    const labels = new Set([...declared, ...m.values.flatMap((v) => Object.keys(v.labels ?? {}))]);
    const type = String(m.type);
    const series = type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => m.name + s) : type === 'summary' ? [m.name, `${m.name}_sum`, `${m.name}_count`] : [m.name];
    for (const s of series) names.set(s, labels);
  }
  return names;
}

describe('Grafana dashboard (deploy/grafana/hope-dashboard.json)', () => {
  it('reads PromQL the test understands', () => {
    expect(parseExpr('histogram_quantile(0.99, sum by (service, route, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))')).toEqual({
      metrics: ['http_request_duration_seconds_bucket'],
      labels: ['service', 'service', 'route', 'le'],
    });
    expect(parseExpr('max by (consumer, topic, partition) (hope_bus_consumer_lag{service=~"$service", topic!="x"})').metrics).toEqual(['hope_bus_consumer_lag']);
  });

  it('queries only metrics the services export, with labels they carry', async () => {
    const names = await exported();
    const problems: string[] = [];
    for (const panel of queried) {
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const { expr } of panel.targets ?? []) {
        const { metrics, labels } = parseExpr(expr);
        expect(metrics.length).toBeGreaterThan(0);
        for (const m of metrics) if (!names.has(m)) problems.push(`${panel.title}: metric ${m} is not exported`);
        const carried = new Set([...IMPLICIT_LABELS, ...metrics.flatMap((m) => [...(names.get(m) ?? [])])]);
        for (const l of labels) if (!carried.has(l)) problems.push(`${panel.title}: label ${l} is not on ${metrics.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('covers what an SRE watches: HTTP rate, errors and p99, consumer lag per partition, relay, projection, saga timeouts, memory, CPU', () => {
    const exprs = queried.flatMap((p) => (p.targets ?? []).map((t) => t.expr)).join('\n');
    for (const needed of ['http_requests_total', 'status_code=~"5.."', 'histogram_quantile(0.99', 'by (consumer, topic, partition)', 'hope_relay_lag_events', 'hope_projection_lag_events', 'hope_saga_timeouts_total', 'process_resident_memory_bytes', 'process_cpu_seconds_total']) {
      expect(exprs).toContain(needed);
    }
  });

  it('picks its Prometheus through a datasource variable, used by every panel', () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    for (const panel of queried) expect(panel.datasource?.uid).toBe('${datasource}');
  });

  it('exports consumer lag per group, topic and partition', async () => {
    const metrics = new MetricsService('points', { defaultMetrics: false });
    metrics.setConsumerLag('points', [
      { topic: 'hope.demand.events', partition: 0, lag: 0 },
      { topic: 'hope.demand.events', partition: 2, lag: 7 },
    ]);
    const text = await metrics.render();
    expect(text).toContain('hope_bus_consumer_lag{consumer="points",topic="hope.demand.events",partition="2",service="points"} 7');
    expect(text).toContain('hope_bus_consumer_lag{consumer="points",topic="hope.demand.events",partition="0",service="points"} 0');
  });
});
