import type { CommandMeta, Principal } from '@hope/kernel';
import type { Question } from '../../domain/questions/questions.decide';
import type { ProposalDeps } from '../proposals/proposal.deps';
import { threadParties } from './question-thread';

/** The seeking organisation asks the authors a question; the question id is the command id. */
export async function askQuestion(deps: Pick<ProposalDeps, 'proposals' | 'questionThreads' | 'clock'>, input: { proposalId: string; text: string; by: Principal }, meta: CommandMeta): Promise<Question | undefined> {
  const proposal = await threadParties(deps, input.proposalId, input.by);
  const questionId = meta.commandId;
  const { state } = await deps.questionThreads.handle(input.proposalId, { type: 'AskQuestion', data: { proposal, questionId, text: input.text }, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return state.questions.find((q) => q.questionId === questionId);
}
