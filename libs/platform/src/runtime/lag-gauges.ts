import type { EventStore } from '@hope/eventstore';
import type { MessageBus, Relay } from '@hope/messaging';
import type { MetricsService } from '../metrics/metrics.service';

const RELAY_LAG_CAP = 10_000;

export interface LagGaugeSources {
  readonly store: EventStore;
  readonly relay: Relay;
  readonly bus: MessageBus;
  readonly metrics: MetricsService;
  readonly groupId: string;
  readonly topics: readonly string[];
}

/**
 * Every few seconds: how many of the store's events the relay has not published yet (counted up to a
 * cap), and how many messages the service's consumer group has not handled yet.
 */
export function startLagGauges(s: LagGaugeSources, everyMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void measure(s)
      .catch(() => undefined)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function measure(s: LagGaugeSources): Promise<void> {
  let relayLag = 0;
  const from = s.relay.position;
  for await (const e of s.store.readAll({ fromPosition: from ?? 'start', maxCount: RELAY_LAG_CAP + 1 })) {
    if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
    relayLag++;
  }
  s.metrics.setRelayLag(relayLag);
  if (s.topics.length > 0) s.metrics.setConsumerLag(s.groupId, await s.bus.consumerLag(s.groupId, s.topics));
}
