import { aggregate } from '@hope/kernel';
import { questionsDecider, questionsStream } from './questions.decide';

/** A proposal's question thread (keyed by the proposal id). Handler names feed the event ids: they never change. */
export const questionThreads = aggregate({
  name: 'demand.questions',
  streamOf: questionsStream,
  decider: questionsDecider,
  handlerNames: {
    AskQuestion: 'questions.AskQuestion',
    AnswerQuestion: 'questions.AnswerQuestion',
  },
});
