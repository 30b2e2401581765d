import type { EventStore } from '@hope/eventstore';
import type { Relay } from '@hope/messaging';
import type { MetricsService } from '../metrics/metrics.service';

const CAP = 10_000;

/** Every few seconds, counts (up to a cap) the store's events the relay has not published yet. */
export function startRelayLagGauge(store: EventStore, relay: Relay, metrics: MetricsService, everyMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      let lag = 0;
      const from = relay.position;
      for await (const e of store.readAll({ fromPosition: from ?? 'start', maxCount: CAP + 1 })) {
        if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
        lag++;
      }
      metrics.setRelayLag(lag);
    })()
      .catch(() => undefined)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
