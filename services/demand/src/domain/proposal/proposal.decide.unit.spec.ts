import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import { contentHash, proposalDecider, type ProposalCommand, type TargetDemand } from './proposal.decide';
import type { ProposalEvent } from './proposal.events';

const spec = DeciderSpecification.for(proposalDecider);
const now = new Date('2026-03-02T09:00:00.000Z');
const at = now.toISOString();
const rep: Principal = { subject: 'x-1', role: 'expert' };
const other: Principal = { subject: 'x-9', role: 'expert' };
const seeker: Principal = { subject: 'alice', role: 'enterprise', organisationId: 'org-haier' };
const rival: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-other' };
const open: TargetDemand = { status: 'published', organisationId: 'org-haier', subProblemIds: ['sp-1'], deadline: '2099-01-01T00:00:00.000Z' };
const isOpen = { demandStatus: 'published' };
const content = { title: 'Tuned mass damper', body: 'Use a tuned mass damper on the compressor mount.' };

const cmd = <T extends ProposalCommand['type']>(type: T, data: Extract<ProposalCommand, { type: T }>['data'], by: Principal) =>
  ({ type, data, metadata: { now, by } }) as Extract<ProposalCommand, { type: T }>;
const submit = (over: Partial<Extract<ProposalCommand, { type: 'SubmitProposal' }>['data']> = {}, by = rep) =>
  cmd('SubmitProposal', { proposalId: 'p-1', kind: 'plan', demandId: 'd-1', subProblemId: 'sp-1', coAuthorIds: ['x-2', 'x-1', 'x-2'], content, demand: open, ...over }, by);

const submittedData = { proposalId: 'p-1', demandId: 'd-1', subProblemId: 'sp-1', expertId: 'x-1', coAuthorIds: ['x-2'], contentHash: contentHash(content), submittedAt: at, organisationId: 'org-haier', content };
const planSubmitted: ProposalEvent = { type: 'PlanSubmitted', data: submittedData };
const clueSubmitted: ProposalEvent = { type: 'ClueSubmitted', data: submittedData };
const opened: ProposalEvent = { type: 'ProposalOpened', data: { proposalId: 'p-1', openedBy: 'alice', openedAt: at } };
const decision = (by: string) => ({ proposalId: 'p-1', demandId: 'd-1', expertId: 'x-1', at, by });
const shortlisted: ProposalEvent = { type: 'PlanShortlisted', data: decision('alice') };
const codeIs = (code: string) => (e: Error) => expect((e as IllegalStateError).code).toBe(code);

describe('proposals: submission', () => {
  it('an expert submits a plan to a sub-problem: content hash and time recorded, co-authors deduplicated', () => {
    spec.given([]).when(submit()).then([planSubmitted]);
    expect(submittedData.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a clue is recorded as ClueSubmitted', () => {
    spec.given([]).when(submit({ kind: 'clue' })).then([clueSubmitted]);
  });
  it('refuses a demand that is not published', () => {
    spec.given([]).when(submit({ demand: { ...open, status: 'closed' } })).thenThrows(IllegalStateError, codeIs('PROPOSAL.DEMAND_NOT_OPEN'));
  });
  it('refuses a published demand whose deadline has passed, before the expiry job ran', () => {
    spec.given([]).when(submit({ demand: { ...open, deadline: at } })).thenThrows(IllegalStateError, codeIs('PROPOSAL.DEADLINE_PASSED'));
  });
  it('refuses an unknown sub-problem, naming the field', () => {
    spec.given([]).when(submit({ subProblemId: 'sp-9' })).thenThrows(ValidationError, (e) => expect((e as ValidationError).fields[0]?.field).toBe('subProblemId'));
  });
  it('refuses submissions by enterprises', () => {
    spec.given([]).when(submit({}, seeker)).thenThrows(ForbiddenError);
  });
});

describe('proposals: edit, open, withdraw', () => {
  const edited = { title: 'Tuned mass damper v2', body: 'Plus a rubber isolator.' };
  it('the representative edits until the enterprise opens it; the hash follows the content', () => {
    spec.given([planSubmitted]).when(cmd('EditProposal', { content: edited }, rep)).then([
      { type: 'ProposalEdited', data: { proposalId: 'p-1', content: edited, contentHash: contentHash(edited), editedAt: at } },
    ]);
    spec.given([planSubmitted, opened]).when(cmd('EditProposal', { content: edited }, rep)).thenThrows(IllegalStateError, codeIs('PROPOSAL.ALREADY_OPENED'));
  });
  it('a co-author may read but not edit; a stranger is told it does not exist', () => {
    spec.given([planSubmitted]).when(cmd('EditProposal', { content: edited }, { subject: 'x-2', role: 'expert' })).thenThrows(ForbiddenError);
    spec.given([planSubmitted]).when(cmd('EditProposal', { content: edited }, other)).thenThrows(NotFoundError);
  });
  it('the seeking enterprise opens it once; another organisation cannot', () => {
    spec.given([planSubmitted]).when(cmd('OpenProposal', {}, seeker)).then([opened]);
    spec.given([planSubmitted, opened]).when(cmd('OpenProposal', {}, seeker)).thenNothingHappened();
    spec.given([planSubmitted]).when(cmd('OpenProposal', {}, rival)).thenThrows(NotFoundError);
  });
  it('the representative withdraws; not twice', () => {
    const withdrawn: ProposalEvent = { type: 'ProposalWithdrawn', data: decision('x-1') };
    spec.given([planSubmitted]).when(cmd('WithdrawProposal', {}, rep)).then([withdrawn]);
    spec.given([planSubmitted, withdrawn]).when(cmd('WithdrawProposal', {}, rep)).thenThrows(IllegalStateError, codeIs('PROPOSAL.ILLEGAL_TRANSITION'));
  });
});

describe('proposals: the enterprise decides', () => {
  it('shortlists, then adopts a plan', () => {
    spec.given([planSubmitted]).when(cmd('ShortlistPlan', isOpen, seeker)).then([shortlisted]);
    spec.given([planSubmitted, shortlisted]).when(cmd('AdoptPlan', isOpen, seeker)).then([{ type: 'PlanAdopted', data: decision('alice') }]);
  });
  it('refuses shortlisting or adopting a clue', () => {
    spec.given([clueSubmitted]).when(cmd('ShortlistPlan', isOpen, seeker)).thenThrows(IllegalStateError, codeIs('PROPOSAL.NOT_A_PLAN'));
    spec.given([clueSubmitted]).when(cmd('AdoptPlan', isOpen, seeker)).thenThrows(IllegalStateError, codeIs('PROPOSAL.NOT_A_PLAN'));
  });
  it('rejects with a reason and a note; a rejected proposal cannot be adopted', () => {
    const rejected: ProposalEvent = { type: 'ProposalRejected', data: { ...decision('alice'), reason: 'off-topic', note: 'About fans, not compressors' } };
    spec.given([clueSubmitted]).when(cmd('RejectProposal', { reason: 'off-topic', note: ' About fans, not compressors ' }, seeker)).then([rejected]);
    spec.given([planSubmitted, rejected]).when(cmd('AdoptPlan', isOpen, seeker)).thenThrows(IllegalStateError, codeIs('PROPOSAL.ILLEGAL_TRANSITION'));
  });
  it('refuses shortlisting or adopting once the demand is no longer open', () => {
    for (const demandStatus of ['closed', 'expired', 'cancelled']) {
      spec.given([planSubmitted]).when(cmd('ShortlistPlan', { demandStatus }, seeker)).thenThrows(IllegalStateError, codeIs('PROPOSAL.DEMAND_NOT_OPEN'));
      spec.given([planSubmitted, shortlisted]).when(cmd('AdoptPlan', { demandStatus }, seeker)).thenThrows(IllegalStateError, codeIs('PROPOSAL.DEMAND_NOT_OPEN'));
    }
  });
  it('refuses decisions by experts and by other organisations', () => {
    spec.given([planSubmitted]).when(cmd('AdoptPlan', isOpen, rep)).thenThrows(ForbiddenError);
    spec.given([planSubmitted]).when(cmd('AdoptPlan', isOpen, rival)).thenThrows(NotFoundError);
  });
});
