import { aggregate } from '@hope/kernel';
import { evaluationDecider, evaluationStream } from './evaluation.decide';

/** A demand's proposals and the evaluations of its proposals and resources, `evaluations-<demandId>`. Handler names never change: they derive the event ids. */
export const evaluations = aggregate({
  name: 'matching.evaluations',
  streamOf: (demandId: string) => evaluationStream(demandId),
  decider: evaluationDecider,
  handlerNames: {
    NoteProposal: 'matching.NoteDemandProposal',
    CloseProposal: 'matching.CloseDemandProposal',
    Evaluate: 'matching.Evaluate',
  },
});
