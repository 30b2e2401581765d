import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, WrongExpectedVersion, type CommandResult, type Decider, type DomainEvent, type EventMetadata, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { ConcurrencyError, EVENT_STORE, PROJECTIONS, currentCorrelationId } from '@hope/platform';
import { StreamLock } from './stream-lock';

export interface RunOptions {
  /** Makes the events' ids deterministic: a retried request or a rerun job appends nothing twice. */
  readonly commandId: string;
  readonly handler: string;
  readonly causationId?: string;
  readonly metadata?: EventMetadata;
}

/**
 * load -> decide -> append with the expected revision (handleCommand), then wait until the read models
 * have seen the append, so the caller's next query sees its own write.
 */
@Injectable()
export class CommandRunner {
  private readonly lock = new StreamLock();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  /** The current state of a stream, folded (for process managers that decide what to ask next). */
  async load<S, C, E extends DomainEvent>(stream: string, decider: Decider<S, C, E>): Promise<S> {
    let state = decider.initialState;
    for await (const e of this.store.readStream(stream)) state = decider.evolve(state, { type: e.type, data: e.data } as E);
    return state;
  }

  async run<S, C, E extends DomainEvent>(stream: string, decider: Decider<S, C, E>, command: C, options: RunOptions): Promise<CommandResult<S>> {
    const correlationId = currentCorrelationId();
    const result = await this.lock.run(stream, async () => {
      try {
        return await handleCommand(this.store, stream, decider, command, {
          commandId: options.commandId,
          handler: options.handler,
          ...(correlationId ? { correlationId } : {}),
          ...(options.causationId ? { causationId: options.causationId } : {}),
          ...(options.metadata ? { metadata: options.metadata } : {}),
        }, { maxRetries: 10 });
      } catch (error) {
        // Another replica kept winning the race: the client may retry; never a 500.
        if (error instanceof WrongExpectedVersion) throw new ConcurrencyError(`${stream} kept changing; retry`, { cause: error });
        throw error;
      }
    });
    if (result.position) await this.projections.waitFor(result.position);
    return result;
  }
}
