import { aggregate } from '@hope/kernel';
import { proposalDecider, proposalStream } from './proposal.decide';

/** A clue or a plan answering a demand. Handler names feed the event ids: they never change. */
export const proposals = aggregate({
  name: 'demand.proposal',
  streamOf: proposalStream,
  decider: proposalDecider,
  handlerNames: {
    SubmitProposal: 'proposal.SubmitProposal',
    EditProposal: 'proposal.EditProposal',
    OpenProposal: 'proposal.OpenProposal',
    WithdrawProposal: 'proposal.WithdrawProposal',
    ShortlistPlan: 'proposal.ShortlistPlan',
    AdoptPlan: 'proposal.AdoptPlan',
    RejectProposal: 'proposal.RejectProposal',
  },
});
