import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { decodeEnvelope, EnvelopeDecodeError, EventPayloadError, UnknownEventType, UnsupportedEventVersion, type EventEnvelope, type EventRegistry } from '@hope/contracts';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import { withConsumerSpan } from '../tracing/consumer-span';
import { NonRetriableError, type ConsumerHandle, type DeadLetterNote, type IncomingMessage, type MessageBus, type RetryPolicy } from '../bus/bus.port';

/** What an `@EventPattern` handler receives with `@Ctx()`. */
export class IntegrationEventContext extends BaseRpcContext<[IncomingMessage]> {
  get message(): IncomingMessage {
    return this.args[0];
  }
}

export interface EventTransportOptions {
  readonly bus: MessageBus;
  readonly registry: EventRegistry;
  /** The consumer group: the service name, so replicas share the work and each event is handled once. */
  readonly groupId: string;
  /** Topics this service listens to (other services' topics, sometimes its own). */
  readonly topics: readonly string[];
  readonly retry?: RetryPolicy;
  readonly onSkipped?: (type: string) => void;
  /** Runs each handler inside a context (the platform's correlation id), so its logs and events carry it. */
  readonly runInContext?: <T>(envelope: EventEnvelope, run: () => Promise<T>) => Promise<T>;
  /** Told of every message this group gives up on, before its offset moves (see ConsumeOptions). */
  readonly onDeadLetter?: (note: DeadLetterNote) => Promise<void>;
}

const isContractViolation = (e: unknown): boolean =>
  e instanceof EnvelopeDecodeError || e instanceof UnknownEventType || e instanceof UnsupportedEventVersion || e instanceof EventPayloadError;

/**
 * Serves `@EventPattern(type)` handlers from our bus port instead of Nest's stock Kafka transport,
 * whose defaults we cannot accept: it auto-commits offsets whether or not the handler succeeded, logs
 * and commits a message nobody handles, and does not wait for or retry a failed handler. Here:
 * - a message is decoded and upcast to the current version before any handler sees it;
 * - the offset is committed only after the handler's promise/observable completed;
 * - an undecodable message, an unknown type or version, an invalid payload goes to the dead-letter
 *   topic at once (NonRetriableError); other errors are retried with backoff, then dead-lettered;
 * - a known type this service has no handler for is skipped on purpose (it is not interested).
 */
export class IntegrationEventTransport extends Server implements CustomTransportStrategy {
  private consumer: ConsumerHandle | undefined;

  constructor(private readonly options: EventTransportOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.options.bus.ensureTopics(this.options.topics);
      this.consumer = await this.options.bus.consume({
        groupId: this.options.groupId,
        topics: this.options.topics,
        ...(this.options.retry ? { retry: this.options.retry } : {}),
        ...(this.options.onDeadLetter ? { onDeadLetter: this.options.onDeadLetter } : {}),
        handler: (message) => this.dispatch(message),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Decodes, upcasts and runs the handler; resolves when its effect is done. Also how a dead letter is replayed. */
  async dispatch(message: IncomingMessage): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = this.options.registry.upcast(decodeEnvelope(message.value));
    } catch (error) {
      if (isContractViolation(error)) throw new NonRetriableError((error as Error).message, error);
      throw error;
    }
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      this.options.onSkipped?.(envelope.type);
      return;
    }
    const run = async () => {
      const result = await handler(envelope, new IntegrationEventContext([message]));
      await lastValueFrom(this.transformToObservable(result) as Observable<unknown>, { defaultValue: undefined });
    };
    const inContext = () => (this.options.runInContext ? this.options.runInContext(envelope, run) : run());
    await withConsumerSpan(this.options.groupId, message, envelope, inContext);
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('IntegrationEventTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }
}

/**
 * Nest's default RPC filter replaces an error with `{ status: 'error' }`; rethrowing the original
 * keeps NonRetriableError and the message, so the consumer can retry or dead-letter correctly.
 */
@Catch()
export class RethrowRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
