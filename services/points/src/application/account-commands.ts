import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, WrongExpectedVersion, type CommandContext, type CommandResult, type EventStore } from '@hope/eventstore';
import { ConcurrencyError, EVENT_STORE, PROJECTIONS } from '@hope/platform';
import type { ProjectionRunner } from '@hope/eventstore';
import type { AccountCommand } from '../domain/account/account.commands';
import { accountDecider } from '../domain/account/account.decide';
import { accountStream } from '../domain/account/account.events';
import type { Account } from '../domain/account/account.state';
import { PerStreamQueue } from './per-stream-queue';

/**
 * Load -> decide -> append on `account-<expertId>`. Commands on one account run one at a time in this
 * process, so 100 concurrent redemptions queue instead of fighting over the expected revision; across
 * replicas the expected revision still decides and handleCommand retries. A conflict that outlasts
 * the retries is a 409, never a 500.
 */
@Injectable()
export class AccountCommands {
  private readonly queue = new PerStreamQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  async run(command: AccountCommand, ctx: CommandContext): Promise<CommandResult<Account>> {
    const stream = accountStream(command.data.expertId);
    return this.queue.run(stream, () => this.execute(stream, command, ctx));
  }

  /** Runs the command, then waits until the read models include its events (read-your-writes). */
  async runAndWait(command: AccountCommand, ctx: CommandContext): Promise<CommandResult<Account>> {
    const result = await this.run(command, ctx);
    if (result.position) await this.projections.waitFor(result.position);
    return result;
  }

  private async execute(stream: string, command: AccountCommand, ctx: CommandContext): Promise<CommandResult<Account>> {
    try {
      return await handleCommand(this.store, stream, accountDecider, command, ctx, { maxRetries: 8 });
    } catch (error) {
      if (error instanceof WrongExpectedVersion) throw new ConcurrencyError(`Account ${command.data.expertId} is busy; retry`, { cause: error });
      throw error;
    }
  }
}
