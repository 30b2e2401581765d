import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal, hasVisibleText } from '@hope/kernel';
import type { QuestionEvent } from './questions.events';

export interface Answer {
  readonly answerId: string;
  readonly text: string;
  readonly answeredBy: string;
  readonly answeredAt: string;
}
export interface Question {
  readonly questionId: string;
  readonly text: string;
  readonly askedBy: string;
  readonly askedAt: string;
  readonly answers: readonly Answer[];
}
export interface QuestionThread {
  readonly questions: readonly Question[];
}
export const initialState: QuestionThread = { questions: [] };

export const evolve = (s: QuestionThread, e: QuestionEvent): QuestionThread => {
  switch (e.type) {
    case 'QuestionAsked': {
      const { questionId, text, askedBy, askedAt } = e.data;
      return { questions: [...s.questions, { questionId, text, askedBy, askedAt, answers: [] }] };
    }
    case 'QuestionAnswered': {
      const { answerId, text, answeredBy, answeredAt } = e.data;
      return { questions: s.questions.map((q) => (q.questionId === e.data.questionId ? { ...q, answers: [...q.answers, { answerId, text, answeredBy, answeredAt }] } : q)) };
    }
    default:
      return s;
  }
};

/** Who is party to the proposal, read by the application from its stream. */
export interface ProposalParties {
  readonly proposalId: string;
  readonly demandId: string;
  readonly organisationId: string;
  readonly representativeId: string;
  readonly coAuthorIds: readonly string[];
  readonly status: string;
}

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date; by: Principal } };
export type QuestionCommand =
  | Cmd<'AskQuestion', { proposal: ProposalParties; questionId: string; text: string }>
  | Cmd<'AnswerQuestion', { proposal: ProposalParties; questionId: string; answerId: string; text: string }>;

const proposalNotFound = () => new NotFoundError('PROPOSAL.NOT_FOUND', 'No such proposal');

export const isSeeker = (p: ProposalParties, by: Principal): boolean => by.role === 'enterprise' && by.organisationId === p.organisationId;
export const isAuthor = (p: ProposalParties, by: Principal): boolean => by.role === 'expert' && (by.subject === p.representativeId || p.coAuthorIds.includes(by.subject));
/** The thread is the seeker's and the authors', and staff read it; anyone else is told the proposal does not exist. */
export const mayRead = (p: ProposalParties, by: Principal): boolean => isSeeker(p, by) || isAuthor(p, by) || by.role === 'operator' || by.role === 'analyst';

const requireText = (text: string): string => {
  const t = text.trim();
  if (!hasVisibleText(t)) throw new ValidationError('QUESTION.EMPTY', 'The text is empty', [{ field: 'text', reason: 'must not be blank' }]);
  return t;
};

export const decide = (cmd: QuestionCommand, s: QuestionThread): QuestionEvent[] => {
  const { now, by } = cmd.metadata;
  const p = cmd.data.proposal;
  if (!mayRead(p, by)) throw proposalNotFound();
  switch (cmd.type) {
    case 'AskQuestion': {
      if (!isSeeker(p, by)) throw new ForbiddenError('QUESTION.ONLY_SEEKER', 'Only the seeking organisation asks questions');
      if (p.status === 'withdrawn') throw new IllegalStateError('QUESTION.PROPOSAL_WITHDRAWN', 'The proposal was withdrawn');
      if (s.questions.some((q) => q.questionId === cmd.data.questionId)) return [];
      const text = requireText(cmd.data.text);
      return [{ type: 'QuestionAsked', data: { proposalId: p.proposalId, demandId: p.demandId, organisationId: p.organisationId, questionId: cmd.data.questionId, text, askedBy: by.subject, askedAt: now.toISOString() } }];
    }
    case 'AnswerQuestion': {
      if (!isAuthor(p, by)) throw new ForbiddenError('QUESTION.ONLY_AUTHORS', "Only the proposal's representative or co-authors answer");
      const q = s.questions.find((x) => x.questionId === cmd.data.questionId);
      if (!q) throw new NotFoundError('QUESTION.NOT_FOUND', 'No such question on this proposal');
      if (q.answers.some((a) => a.answerId === cmd.data.answerId)) return [];
      const text = requireText(cmd.data.text);
      return [{ type: 'QuestionAnswered', data: { proposalId: p.proposalId, questionId: q.questionId, answerId: cmd.data.answerId, text, answeredBy: by.subject, answeredAt: now.toISOString() } }];
    }
  }
};

export const questionsDecider = { decide, evolve, initialState };
export const questionsStream = (proposalId: string): string => `questions-${proposalId}`;
