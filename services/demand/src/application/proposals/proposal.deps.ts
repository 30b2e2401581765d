import type { proposals } from '../../domain/proposal/proposal.aggregate';
import type { questionThreads } from '../../domain/questions/questions.aggregate';
import type { DemandDeps } from '../demands/demand.deps';
import type { HandlerOf } from '../handler-of';

/** What the proposal use cases work with: the proposals, their question threads, and the demands they answer. */
export interface ProposalDeps extends DemandDeps {
  readonly proposals: HandlerOf<typeof proposals>;
  readonly questionThreads: HandlerOf<typeof questionThreads>;
}

/** The injection token the service module binds ProposalDeps to. */
export const PROPOSAL_DEPS = Symbol('PROPOSAL_DEPS');
