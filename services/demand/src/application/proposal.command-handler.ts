import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, currentCorrelationId, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import { proposalDecider, proposalStream, type ProposalCommand } from '../domain/proposal/proposal.decide';
import type { ProposalEvent } from '../domain/proposal/proposal.events';
import type { Proposal } from '../domain/proposal/proposal.state';

type CommandOf<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>;

/** Load -> decide -> append for proposals, then wait for the read models (read-your-writes). */
@Injectable()
export class ProposalCommandHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  newId(): string {
    return this.ids.next();
  }

  async execute<T extends ProposalCommand['type']>(proposalId: string, type: T, data: CommandOf<T>['data'], by: Actor, commandId = this.ids.next()): Promise<Proposal> {
    const command = { type, data, metadata: { now: this.clock.now(), by } } as ProposalCommand;
    const correlationId = currentCorrelationId();
    const result = await handleCommand(this.store, proposalStream(proposalId), proposalDecider, command, {
      commandId,
      handler: `proposal.${type}`,
      ...(correlationId ? { correlationId } : {}),
    });
    if (result.position) await this.projections.waitFor(result.position);
    return result.state;
  }

  async load(proposalId: string): Promise<Proposal> {
    let state = proposalDecider.initialState;
    for await (const e of this.store.readStream(proposalStream(proposalId))) state = proposalDecider.evolve(state, { type: e.type, data: e.data } as ProposalEvent);
    return state;
  }
}
