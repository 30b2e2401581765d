import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type CommandContext, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { EVENT_STORE, PROJECTIONS } from '@hope/platform';
import { RULEBOOK_STREAM, rulebookDecider, type Rulebook, type RulebookCommand } from '../domain/rulebook/rulebook.decide';
import { PerStreamQueue } from './per-stream-queue';

/** Operators' changes to the rule set and catalogue: load -> decide -> append, then wait for the read model. */
@Injectable()
export class RulebookCommands {
  private readonly queue = new PerStreamQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  async run(command: RulebookCommand, ctx: CommandContext): Promise<Rulebook> {
    const result = await this.queue.run(RULEBOOK_STREAM, () => handleCommand(this.store, RULEBOOK_STREAM, rulebookDecider, command, ctx, { maxRetries: 8 }));
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }
}
