import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One Prometheus registry per app. Embedded mode runs four apps in one process, so the global
 * default registry would mix (and reject as duplicates) their metrics; every series here also
 * carries a `service` label.
 */
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status_code'>;
  private readonly consumerLag: Gauge<'consumer' | 'topic' | 'partition'>;
  private readonly relayLag: Gauge;
  private readonly projectionLag: Gauge<'projection'>;
  private readonly sagaTimeouts: Counter<'saga'>;
  private readonly deadLetters: Counter<'topic' | 'type'>;

  constructor(readonly service: string, opts: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by method, route pattern and status',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'hope_bus_consumer_lag',
      help: 'Messages published but not yet handled by a consumer group, per topic and partition',
      labelNames: ['consumer', 'topic', 'partition'],
      registers,
    });
    this.relayLag = new Gauge({
      name: 'hope_relay_lag_events',
      help: "Events in the service's store not yet published by its relay",
      registers,
    });
    this.projectionLag = new Gauge({
      name: 'hope_projection_lag_events',
      help: 'Events in the store not yet applied by a projection',
      labelNames: ['projection'],
      registers,
    });
    this.sagaTimeouts = new Counter({
      name: 'hope_saga_timeouts_total',
      help: 'Sagas ended by their timeout (a reservation released, a request expired), by saga',
      labelNames: ['saga'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'hope_dead_letters_total',
      help: "Messages this service's consumer gave up on (recorded for replay at /ops/dead-letters), by topic and event type",
      labelNames: ['topic', 'type'],
      registers,
    });
  }

  /** A message was dead-lettered (and recorded in the service's store). */
  deadLettered(topic: string, type: string): void {
    this.deadLetters.inc({ topic, type });
  }

  /** A saga gave up waiting (its timeout event was written): e.g. `points-reservation`, `need-publication`, `interview-request`. */
  sagaTimedOut(saga: string, count = 1): void {
    this.sagaTimeouts.inc({ saga }, count);
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status_code: String(status) };
    this.httpDuration.observe(labels, seconds);
    this.httpRequests.inc(labels);
  }

  /** One series per partition; `sum by (consumer)` gives the group's total. */
  setConsumerLag(consumer: string, partitions: readonly { readonly topic: string; readonly partition: number; readonly lag: number }[]): void {
    for (const p of partitions) this.consumerLag.set({ consumer, topic: p.topic, partition: String(p.partition) }, p.lag);
  }

  setRelayLag(lag: number): void {
    this.relayLag.set(lag);
  }

  setProjectionLag(projection: string, lag: number): void {
    this.projectionLag.set({ projection }, lag);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
