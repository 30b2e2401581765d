import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, ProjectionRunner } from '@hope/eventstore';
import { AggregateCommands, CLOCK, EVENT_STORE, IDS, PROJECTIONS, type Clock, type IdSource } from '@hope/platform';
import type { Actor } from '../domain/actor';
import type { ExistingProposal } from '../domain/proposal/proposal.state';
import { questionsDecider, questionsStream, type ProposalParties, type QuestionCommand, type QuestionThread } from '../domain/questions/questions.decide';
import type { QuestionEvent } from '../domain/questions/questions.events';

type CommandOf<T extends QuestionCommand['type']> = Extract<QuestionCommand, { type: T }>;

export const partiesOf = (p: ExistingProposal): ProposalParties => ({
  proposalId: p.proposalId,
  demandId: p.demandId,
  organisationId: p.organisationId,
  representativeId: p.expertId,
  coAuthorIds: p.coAuthorIds,
  status: p.status,
});

/** Question threads per proposal: the time and the actor come in with each command; the rest is AggregateCommands. */
@Injectable()
export class QuestionThreadCommandHandler {
  private readonly commands: AggregateCommands<QuestionThread, QuestionCommand, QuestionEvent>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) projections: ProjectionRunner,
  ) {
    this.commands = new AggregateCommands(store, projections, { name: 'questions', decider: questionsDecider, stream: questionsStream });
  }

  newId(): string {
    return this.ids.next();
  }

  execute<T extends QuestionCommand['type']>(proposal: ExistingProposal, type: T, data: Omit<CommandOf<T>['data'], 'proposal'>, by: Actor, commandId: string): Promise<QuestionThread> {
    const command = { type, data: { ...data, proposal: partiesOf(proposal) }, metadata: { now: this.clock.now(), by } } as QuestionCommand;
    return this.commands.execute(proposal.proposalId, command, commandId);
  }

  load(proposalId: string): Promise<QuestionThread> {
    return this.commands.load(proposalId);
  }
}
