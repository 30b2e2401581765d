import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import { questionsDecider, type ProposalParties, type QuestionCommand } from './questions.decide';
import type { QuestionEvent } from './questions.events';

const spec = DeciderSpecification.for(questionsDecider);
const now = new Date('2030-01-01T08:00:00.000Z');
const at = now.toISOString();
const alice: Principal = { subject: 'alice', role: 'enterprise', organisationId: 'org-haier' };
const bob: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-other' };
const rep: Principal = { subject: 'x-1', role: 'expert' };
const coAuthor: Principal = { subject: 'x-2', role: 'expert' };
const stranger: Principal = { subject: 'x-9', role: 'expert' };
const op: Principal = { subject: 'op-1', role: 'operator' };
const analyst: Principal = { subject: 'an-1', role: 'analyst' };
const proposal: ProposalParties = { proposalId: 'p-1', demandId: 'd-1', organisationId: 'org-haier', representativeId: 'x-1', coAuthorIds: ['x-2'], status: 'submitted' };
const cmd = <T extends QuestionCommand['type']>(type: T, data: Omit<Extract<QuestionCommand, { type: T }>['data'], 'proposal'>, by: Principal, p = proposal) =>
  ({ type, data: { ...data, proposal: p }, metadata: { now, by } }) as Extract<QuestionCommand, { type: T }>;

const asked: QuestionEvent = { type: 'QuestionAsked', data: { proposalId: 'p-1', demandId: 'd-1', organisationId: 'org-haier', questionId: 'q-1', text: 'What noise level at 1 m?', askedBy: 'alice', askedAt: at } };
const answered = (answerId: string, by: string): QuestionEvent => ({ type: 'QuestionAnswered', data: { proposalId: 'p-1', questionId: 'q-1', answerId, text: '28 dB', answeredBy: by, answeredAt: at } });
const ask = (by: Principal, p = proposal) => cmd('AskQuestion', { questionId: 'q-1', text: ' What noise level at 1 m? ' }, by, p);
const answer = (by: Principal, answerId = 'a-1', questionId = 'q-1') => cmd('AnswerQuestion', { questionId, answerId, text: '28 dB' }, by);

describe('question threads per proposal: the seeker asks, the authors answer', () => {
  it('a member of the seeking organisation asks; the same question id again records nothing', () => {
    spec.given([]).when(ask(alice)).then([asked]);
    spec.given([asked]).when(ask(alice)).thenNothingHappened();
  });
  it('the representative and the co-authors answer, each answer once', () => {
    spec.given([asked]).when(answer(rep)).then([answered('a-1', 'x-1')]);
    spec.given([asked]).when(answer(coAuthor, 'a-2')).then([answered('a-2', 'x-2')]);
    spec.given([asked, answered('a-1', 'x-1')]).when(answer(rep)).thenNothingHappened();
  });
  it('strangers and other organisations are told the proposal does not exist', () => {
    spec.given([]).when(ask(bob)).thenThrows(NotFoundError);
    spec.given([asked]).when(answer(stranger)).thenThrows(NotFoundError);
  });
  it('authors do not ask, the seeker and staff do not answer', () => {
    spec.given([]).when(ask(rep)).thenThrows(ForbiddenError);
    spec.given([]).when(ask(op)).thenThrows(ForbiddenError);
    spec.given([asked]).when(answer(alice)).thenThrows(ForbiddenError);
    spec.given([asked]).when(answer(analyst)).thenThrows(ForbiddenError);
  });
  it('refuses an answer to an unknown question, blank text, a question on a withdrawn proposal', () => {
    spec.given([asked]).when(answer(rep, 'a-1', 'q-404')).thenThrows(NotFoundError);
    spec.given([]).when(cmd('AskQuestion', { questionId: 'q-1', text: '   ' }, alice)).thenThrows(ValidationError);
    spec.given([]).when(ask(alice, { ...proposal, status: 'withdrawn' })).thenThrows(IllegalStateError);
  });
});
