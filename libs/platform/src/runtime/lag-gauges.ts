import type { EventStore, Position, ProjectionRunner } from '@hope/eventstore';
import type { MessageBus, Relay } from '@hope/messaging';
import type { MetricsService } from '../metrics/metrics.service';

const LAG_CAP = 10_000;

export interface LagGaugeSources {
  readonly store: EventStore;
  readonly relay: Relay;
  readonly projections: ProjectionRunner;
  readonly bus: MessageBus;
  readonly metrics: MetricsService;
  readonly groupId: string;
  readonly topics: readonly string[];
}

/**
 * Every few seconds: how many of the store's events the relay and each projection have not handled yet
 * (counted up to a cap), and how many messages the service's consumer group has not handled yet.
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

async function eventsAfter(store: EventStore, from: Position | undefined): Promise<number> {
  let lag = 0;
  for await (const e of store.readAll({ fromPosition: from ?? 'start', maxCount: LAG_CAP + 1 })) {
    if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
    lag++;
  }
  return lag;
}

async function measure(s: LagGaugeSources): Promise<void> {
  s.metrics.setRelayLag(await eventsAfter(s.store, s.relay.position));
  for (const name of s.projections.names()) s.metrics.setProjectionLag(name, await eventsAfter(s.store, s.projections.position(name)));
  if (s.topics.length > 0) s.metrics.setConsumerLag(s.groupId, await s.bus.consumerLagByPartition(s.groupId, s.topics));
}
