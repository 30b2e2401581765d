import { encodeEnvelope, Headers, type EventEnvelope } from '@hope/contracts';
import type { EventStore, Position, RecordedEvent } from '@hope/eventstore';
import type { MessageBus, OutgoingMessage } from '../bus/bus.port';
import { Batcher, storedDataJson } from '@hope/eventstore';
import type { LeaseProvider } from './lease';
import { prepareTraced } from '../tracing/publish-span';

/** Maps a recorded event of the service's store to the integration event it publishes, or none. */
export type IntegrationTranslator = (event: RecordedEvent) => EventEnvelope | undefined;

export interface RelayOptions {
  readonly service: string;
  readonly store: EventStore;
  readonly bus: MessageBus;
  readonly topic: string;
  readonly translate: IntegrationTranslator;
  readonly lease: LeaseProvider;
  /** Unique per replica (hostname:pid:random). */
  readonly holder: string;
  readonly leaseTtlMs?: number;
  readonly batchSize?: number;
  readonly idleMs?: number;
  /**
   * While more batches are queued behind it, a batch's checkpoint is written at most this often (default
   * 100 ms): each write is an fsync that blocks the event loop. The last batch's is always written, so an
   * idle relay's checkpoint is current; a crash republishes at most this long's worth (at-least-once).
   */
  readonly checkpointEveryMs?: number;
  readonly onPublished?: (count: number, position: Position) => void;
  readonly onError?: (error: unknown) => void;
}

export const relayCheckpointName = (service: string): string => `relay-${service}`;

/**
 * The message of an envelope. Given the recorded event it was built from, an envelope carrying that
 * event's data as the store read it is encoded with the store's JSON text of it (the same bytes, one
 * serialisation fewer per event: decision 0055).
 */
export const toMessage = (envelope: EventEnvelope, recorded?: RecordedEvent): OutgoingMessage => ({
  key: envelope.stream,
  value: encodeEnvelope(envelope, recorded && storedDataJson(recorded, envelope.data)),
  headers: {
    [Headers.eventId]: envelope.id,
    [Headers.eventType]: envelope.type,
    [Headers.eventVersion]: String(envelope.version),
    [Headers.correlationId]: envelope.correlationId,
    ...(envelope.causationId ? { [Headers.causationId]: envelope.causationId } : {}),
  },
});

/** Batches acknowledged but not yet through the checkpoints' chain, at most: bounds what a crash republishes. */
const MAX_UNCHECKPOINTED = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Publishes a service's integration events from its own store: a catch-up subscription from the
 * relay's checkpoint; each batch is published, and only after the broker acknowledged it is the
 * checkpoint moved. A crash between the two republishes that batch (at-least-once; consumers are
 * idempotent), never skips it. Only the lease holder runs, so replicas do not all publish.
 */
export class Relay {
  private running = false;
  private loop: Promise<void> | undefined;
  private subscription: { unsubscribe(): Promise<void> } | undefined;
  private lastPosition: Position | undefined;

  constructor(private readonly options: RelayOptions) {}

  get checkpointName(): string {
    return relayCheckpointName(this.options.service);
  }

  get position(): Position | undefined {
    return this.lastPosition;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.subscription?.unsubscribe();
    await this.loop;
    await this.options.lease.releaseLease(this.leaseName, this.options.holder).catch(() => undefined);
  }

  private get leaseName(): string {
    return `relay:${this.options.service}`;
  }

  private get ttl(): number {
    return this.options.leaseTtlMs ?? 10_000;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (await this.options.lease.acquireLease(this.leaseName, this.options.holder, this.ttl)) {
          await this.publishWhileLeader();
        } else {
          await sleep(this.ttl / 3);
        }
      } catch (error) {
        this.options.onError?.(error);
        await sleep(500);
      }
    }
  }

  private async publishWhileLeader(): Promise<void> {
    const { store, bus, topic, translate } = this.options;
    const from = await store.checkpoints.load(this.checkpointName);
    this.lastPosition = from;
    const subscription = store.subscribeToAll({ fromPosition: from ?? 'start' });
    this.subscription = subscription;
    const batcher = new Batcher(subscription[Symbol.asyncIterator](), this.options.batchSize ?? 500, this.options.idleMs ?? 5);
    // Renew the lease while idle too; losing it ends the subscription so this replica stops publishing
    // (another may now publish from the shared checkpoint: at worst a batch twice, never a gap).
    const renew = setInterval(() => {
      this.options.lease
        .acquireLease(this.leaseName, this.options.holder, this.ttl)
        .then((held) => (held ? undefined : subscription.unsubscribe()))
        .catch((error) => {
          this.options.onError?.(error);
          return subscription.unsubscribe();
        });
    }, Math.max(50, this.ttl / 3));
    // Pipelined: while the broker has batch N, batch N+1 is read and translated. Still one send at a time,
    // in store order (order per key), and a checkpoint is written only after its batch and every one
    // before it were acknowledged (at-least-once): a failed send fails every later checkpoint of the chain.
    // Behind a queue of batches, checkpoints are written at most every `checkpointEveryMs` (see the option).
    // The checkpoints' chain runs beside the sends: a slow fsync (a loaded disk: 5-130 ms) holds back the
    // checkpoint, not the next read and send (decision 0055), up to MAX_UNCHECKPOINTED batches.
    let acked: Promise<unknown> = Promise.resolve();
    let checkpointed: Promise<unknown> = Promise.resolve();
    let queued: Position | undefined;
    let storedAt = 0;
    let unchecked = 0;
    const every = this.options.checkpointEveryMs ?? 100;
    try {
      while (this.running && !batcher.finished) {
        // A failed send (or checkpoint) ends this run at once, even while no new event comes.
        const batch = await Promise.race([batcher.nextBatch(), checkpointed.then(() => new Promise<never>(() => undefined))]);
        if (batch.length === 0) continue;
        // Translated now (ahead of the send); each event's trace continues into its message (decision 0028).
        const prepared = prepareTraced(topic, batch, translate, toMessage);
        const last = batch[batch.length - 1]!.position;
        const count = prepared.count;
        queued = last;
        const before = acked;
        const sent = before.then(() => prepared.publish(bus));
        acked = sent;
        unchecked++;
        checkpointed = Promise.all([checkpointed, sent]).then(async () => {
          if (queued === last || Date.now() - storedAt >= every) {
            await store.checkpoints.store(this.checkpointName, last);
            storedAt = Date.now();
          }
          unchecked--;
          this.lastPosition = last;
          this.options.onPublished?.(count, last);
        });
        checkpointed.catch(() => undefined); // surfaces at the next await, not as an unhandled rejection
        // At most two batches in the pipeline; a failed send surfaces here and restarts from the checkpoint.
        await before;
        if (unchecked > MAX_UNCHECKPOINTED) await checkpointed;
      }
      await checkpointed;
    } finally {
      await checkpointed.catch(() => undefined);
      clearInterval(renew);
      await subscription.unsubscribe();
    }
  }
}
