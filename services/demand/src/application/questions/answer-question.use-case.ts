import type { CommandMeta, Principal } from '@hope/kernel';
import type { Question } from '../../domain/questions/questions.decide';
import type { ProposalDeps } from '../proposals/proposal.deps';
import { questionsSeenBy, threadParties } from './question-thread';

/** The representative or a co-author answers a question; the answer id is the command id. */
export async function answerQuestion(deps: Pick<ProposalDeps, 'proposals' | 'questionThreads' | 'demands' | 'clock'>, input: { proposalId: string; questionId: string; text: string; by: Principal }, meta: CommandMeta): Promise<Question | undefined> {
  const proposal = await threadParties(deps, input.proposalId, input.by);
  const data = { proposal, questionId: input.questionId, answerId: meta.commandId, text: input.text };
  const { state } = await deps.questionThreads.handle(input.proposalId, { type: 'AnswerQuestion', data, metadata: { now: deps.clock.now(), by: input.by } }, meta);
  return (await questionsSeenBy(deps, proposal, state.questions, input.by)).find((q) => q.questionId === input.questionId);
}
