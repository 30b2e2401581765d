import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, ProjectionRunner } from '@hope/eventstore';
import { AggregateCommands, CLOCK, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import { proposalDecider, proposalStream, type ProposalCommand } from '../domain/proposal/proposal.decide';
import type { ProposalEvent } from '../domain/proposal/proposal.events';
import type { Proposal } from '../domain/proposal/proposal.state';

type CommandOf<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>;

/** Proposal commands: the time and the actor come in with each command; the rest is AggregateCommands. */
@Injectable()
export class ProposalCommandHandler {
  private readonly commands: AggregateCommands<Proposal, ProposalCommand, ProposalEvent>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) projections: ProjectionRunner,
  ) {
    this.commands = new AggregateCommands(store, projections, { name: 'proposal', decider: proposalDecider, stream: proposalStream });
  }

  newId(): string {
    return this.ids.next();
  }

  execute<T extends ProposalCommand['type']>(proposalId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = this.ids.next()): Promise<Proposal> {
    return this.commands.execute(proposalId, { type, data, metadata: { now: this.clock.now(), by } } as ProposalCommand, commandId);
  }

  load(proposalId: string): Promise<Proposal> {
    return this.commands.load(proposalId);
  }
}
