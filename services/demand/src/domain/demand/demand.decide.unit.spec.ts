import { DeciderSpecification } from '@hope/kernel/testing';
import { ForbiddenError, IllegalStateError, NotFoundError, ValidationError, type Principal } from '@hope/kernel';
import type { DemandCommand } from './demand.commands';
import type { DemandContent } from './demand.content';
import { demandDecider } from './demand.decide';
import type { DemandEvent } from './demand.events';
import type { ExistingDemand } from './demand.state';
import { isOwner, NEED_SEEKER_ORGANISATION } from './demand.visibility';

const spec = DeciderSpecification.for(demandDecider);
const now = new Date('2026-03-01T08:00:00.000Z');
const at = now.toISOString();
const owner: Principal = { subject: 'alice', role: 'enterprise', organisationId: 'org-haier' };
const rival: Principal = { subject: 'bob', role: 'enterprise', organisationId: 'org-other' };
const operator: Principal = { subject: 'op-1', role: 'operator' };
const expert: Principal = { subject: 'x-1', role: 'expert' };

const content: DemandContent = {
  title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
  description: { en: 'A compressor under 30 dB for refrigerators.' },
  domain: 'smart-home',
  keywords: ['compressor', '降噪'],
  capabilities: ['acoustics'],
  subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['materials'] }],
  maturity: 'reduction-to-practice',
  trl: 5,
  reward: { kind: 'reward', amount: 50_000, currency: 'CNY' },
  ipTerms: 'exclusive',
  deadline: '2026-06-30T00:00:00.000Z',
  visibility: 'public',
  anonymous: false,
};

/** What DemandPublished/DemandRevised announce of `content`. */
const subject = {
  title: content.title,
  description: content.description,
  domain: content.domain,
  keywords: [...content.keywords],
  capabilities: [...content.capabilities],
  subProblems: content.subProblems.map((sp) => ({ id: sp.id, title: sp.title, capabilities: [...sp.capabilities] })),
  visibility: content.visibility,
};

const cmd = <T extends DemandCommand['type']>(type: T, data: Extract<DemandCommand, { type: T }>['data'], by: Principal = owner, when = now) =>
  ({ type, data, metadata: { now: when, by } }) as Extract<DemandCommand, { type: T }>;

const drafted: DemandEvent = { type: 'DemandDrafted', data: { demandId: 'd-1', organisationId: 'org-haier', authorId: 'alice', content, draftedAt: at } };
const submitted: DemandEvent = { type: 'DemandSubmittedForReview', data: { demandId: 'd-1', submittedBy: 'alice', submittedAt: at } };
const rejected: DemandEvent = { type: 'DemandRejected', data: { demandId: 'd-1', reason: 'too vague', rejectedBy: 'op-1', rejectedAt: at } };
const published: DemandEvent = {
  type: 'DemandPublished',
  data: { demandId: 'd-1', organisationId: 'org-haier', ...subject, publishedBy: 'op-1', publishedAt: at },
};
const closed: DemandEvent = { type: 'DemandClosed', data: { demandId: 'd-1', organisationId: 'org-haier', outcome: 'not-awarded', adoptedProposalIds: [], closedBy: 'alice', closedAt: at } };
const codeIs = (code: string) => (e: Error) => expect((e as IllegalStateError).code).toBe(code);
const fieldsAre = (...fields: string[]) => (e: Error) => expect((e as ValidationError).fields.map((f) => f.field)).toEqual(fields);

describe('demand lifecycle: draft', () => {
  it('given nothing, when an enterprise drafts, then the draft belongs to its organisation and author', () => {
    spec.given([]).when(cmd('DraftDemand', { demandId: 'd-1', content })).then([drafted]);
  });
  it('refuses a draft by anyone but an enterprise', () => {
    spec.given([]).when(cmd('DraftDemand', { demandId: 'd-1', content }, expert)).thenThrows(ForbiddenError);
  });
  it('refuses drafting the same demand twice', () => {
    spec.given([drafted]).when(cmd('DraftDemand', { demandId: 'd-1', content })).thenThrows(IllegalStateError, codeIs('DEMAND.ALREADY_EXISTS'));
  });
  it('refuses content without a title, with a TRL of 12, a past deadline and duplicate sub-problems, naming each field', () => {
    const bad = { ...content, title: {}, trl: 12, deadline: '2020-01-01T00:00:00Z', subProblems: [content.subProblems[0]!, content.subProblems[0]!] };
    spec.given([]).when(cmd('DraftDemand', { demandId: 'd-1', content: bad })).thenThrows(ValidationError, fieldsAre('title', 'trl', 'deadline', 'subProblems.1.id'));
  });
  it('given a title and a sub-problem title of only invisible characters (bidi override, zero-width space), when drafted, then refused naming both', () => {
    const invisible = { ...content, title: { en: '\u202e\u200b', zh: '\u200d ' }, subProblems: [{ ...content.subProblems[0]!, title: { en: '\u2060\t' } }] };
    spec.given([]).when(cmd('DraftDemand', { demandId: 'd-1', content: invisible })).thenThrows(ValidationError, fieldsAre('title', 'subProblems.0.title'));
  });
  it('records only what an edit really changes', () => {
    spec.given([drafted]).when(cmd('EditDraft', { changes: { domain: 'smart-home', trl: 6 } })).then([
      { type: 'DemandDraftEdited', data: { demandId: 'd-1', changes: { trl: 6 }, changedFields: ['trl'], editedBy: 'alice', editedAt: at } },
    ]);
  });
  it('an edit that changes nothing records nothing', () => {
    spec.given([drafted]).when(cmd('EditDraft', { changes: { trl: 5 } })).thenNothingHappened();
  });
  it("another organisation cannot edit, and is told the draft does not exist", () => {
    spec.given([drafted]).when(cmd('EditDraft', { changes: { trl: 6 } }, rival)).thenThrows(NotFoundError, codeIs('DEMAND.NOT_FOUND'));
  });
  it('refuses editing a demand under review', () => {
    spec.given([drafted, submitted]).when(cmd('EditDraft', { changes: { trl: 6 } })).thenThrows(IllegalStateError, codeIs('DEMAND.ILLEGAL_TRANSITION'));
  });
  it('refuses any command on a demand that does not exist', () => {
    spec.given([]).when(cmd('SubmitForReview', {})).thenThrows(NotFoundError);
  });
});

describe('demand lifecycle: review', () => {
  it('given a draft, when submitted, then it waits for review', () => {
    spec.given([drafted]).when(cmd('SubmitForReview', {})).then([submitted]);
  });
  it('refuses submitting a draft whose deadline has passed', () => {
    spec.given([drafted]).when(cmd('SubmitForReview', {}, owner, new Date('2026-07-01T00:00:00Z'))).thenThrows(ValidationError, fieldsAre('deadline'));
  });
  it('given a submitted demand, when an operator publishes, then DemandPublished carries the contract fields', () => {
    spec.given([drafted, submitted]).when(cmd('PublishDemand', {}, operator)).then([published]);
  });
  it('refuses publishing by the enterprise itself', () => {
    spec.given([drafted, submitted]).when(cmd('PublishDemand', {}, owner)).thenThrows(ForbiddenError);
  });
  it('refuses publishing a draft that was never submitted', () => {
    spec.given([drafted]).when(cmd('PublishDemand', {}, operator)).thenThrows(IllegalStateError, codeIs('DEMAND.ILLEGAL_TRANSITION'));
  });
  it('given a submitted demand, when an operator rejects with a reason, then it is rejected', () => {
    spec.given([drafted, submitted]).when(cmd('RejectDemand', { reason: 'too vague' }, operator)).then([rejected]);
  });
  it('refuses a rejection without a reason', () => {
    spec.given([drafted, submitted]).when(cmd('RejectDemand', { reason: '  ' }, operator)).thenThrows(ValidationError, fieldsAre('reason'));
  });
  it('a rejected demand can be edited (back to draft) and submitted again', () => {
    const edited = demandDecider.decide(cmd('EditDraft', { changes: { trl: 4 } }), [drafted, submitted, rejected].reduce(demandDecider.evolve, demandDecider.initialState));
    const state = [drafted, submitted, rejected, ...edited].reduce(demandDecider.evolve, demandDecider.initialState);
    expect(state).toMatchObject({ status: 'draft', content: { trl: 4 }, rejection: { reason: 'too vague' } });
    spec.given([drafted, submitted, rejected, ...edited]).when(cmd('SubmitForReview', {})).then([submitted]);
  });
});

describe('demand lifecycle: while open', () => {
  const open = [drafted, submitted, published];
  it('keeps each revision with what changed, numbered from 1', () => {
    const first: DemandEvent = {
      type: 'DemandRevised',
      data: { demandId: 'd-1', organisationId: 'org-haier', revision: 1, changes: { keywords: ['compressor'] }, changedFields: ['keywords'], ...subject, keywords: ['compressor'], revisedBy: 'alice', revisedAt: at },
    };
    spec.given(open).when(cmd('ReviseDemand', { changes: { keywords: ['compressor'], trl: 5 } })).then([first]);
    spec.given([...open, first]).when(cmd('ReviseDemand', { changes: { trl: 6 } })).then([
      { type: 'DemandRevised', data: { demandId: 'd-1', organisationId: 'org-haier', revision: 2, changes: { trl: 6 }, changedFields: ['trl'], ...subject, keywords: ['compressor'], revisedBy: 'alice', revisedAt: at } },
    ]);
    const state = [...open, first].reduce(demandDecider.evolve, demandDecider.initialState);
    expect(state).toMatchObject({ content: { keywords: ['compressor'] }, revisions: [{ revision: 1, changedFields: ['keywords'], by: 'alice', at }] });
  });
  it('refuses changing the IP terms once published', () => {
    spec.given(open).when(cmd('ReviseDemand', { changes: { ipTerms: 'none' } })).thenThrows(IllegalStateError, codeIs('DEMAND.IP_TERMS_FIXED'));
  });
  it('refuses revising a draft (edit it instead)', () => {
    spec.given([drafted]).when(cmd('ReviseDemand', { changes: { trl: 6 } })).thenThrows(IllegalStateError, codeIs('DEMAND.ILLEGAL_TRANSITION'));
  });
  it('closes as awarded when plans were adopted, not awarded otherwise', () => {
    spec.given(open).when(cmd('CloseDemand', { adoptedProposalIds: ['p-2', 'p-1'] })).then([
      { type: 'DemandClosed', data: { demandId: 'd-1', organisationId: 'org-haier', outcome: 'awarded', adoptedProposalIds: ['p-1', 'p-2'], closedBy: 'alice', closedAt: at } },
    ]);
    spec.given(open).when(cmd('CloseDemand', { adoptedProposalIds: [] })).then([closed]);
  });
  it('refuses closing twice, or closing a draft', () => {
    spec.given([...open, closed]).when(cmd('CloseDemand', { adoptedProposalIds: [] })).thenThrows(IllegalStateError);
    spec.given([drafted]).when(cmd('CloseDemand', { adoptedProposalIds: [] })).thenThrows(IllegalStateError);
  });
});

describe('demand lifecycle: cancel and expire', () => {
  const open = [drafted, submitted, published];
  it('the enterprise may cancel its unpublished demand without a reason', () => {
    spec.given([drafted]).when(cmd('CancelDemand', {})).then([
      { type: 'DemandCancelled', data: { demandId: 'd-1', organisationId: 'org-haier', wasPublished: false, cancelledBy: 'alice', cancelledAt: at } },
    ]);
  });
  it('refuses the enterprise cancelling a published demand', () => {
    spec.given(open).when(cmd('CancelDemand', { reason: 'budget cut' })).thenThrows(ForbiddenError, codeIs('DEMAND.CANCEL_NEEDS_OPERATOR'));
  });
  it('refuses an operator cancelling a published demand without a reason', () => {
    spec.given(open).when(cmd('CancelDemand', {}, operator)).thenThrows(ValidationError, fieldsAre('reason'));
  });
  it('an operator cancels a published demand with a reason', () => {
    spec.given(open).when(cmd('CancelDemand', { reason: 'budget cut' }, operator)).then([
      { type: 'DemandCancelled', data: { demandId: 'd-1', organisationId: 'org-haier', wasPublished: true, reason: 'budget cut', cancelledBy: 'op-1', cancelledAt: at } },
    ]);
  });
  it('refuses cancelling a closed demand', () => {
    spec.given([...open, closed]).when(cmd('CancelDemand', { reason: 'x' }, operator)).thenThrows(IllegalStateError, codeIs('DEMAND.ILLEGAL_TRANSITION'));
  });
  const dueAt = new Date(content.deadline);
  it('expires a published demand at its deadline', () => {
    spec.given(open).when(cmd('ExpireDemand', {}, { subject: 'demand', role: 'service' }, dueAt)).then([
      { type: 'DemandExpired', data: { demandId: 'd-1', organisationId: 'org-haier', deadline: content.deadline, expiredAt: content.deadline } },
    ]);
  });
  it('refuses expiring before the deadline', () => {
    spec.given(open).when(cmd('ExpireDemand', {}, { subject: 'demand', role: 'service' })).thenThrows(IllegalStateError, codeIs('DEMAND.NOT_DUE'));
  });
  it('a demand already closed has nothing to expire', () => {
    spec.given([...open, closed]).when(cmd('ExpireDemand', {}, { subject: 'demand', role: 'service' }, dueAt)).thenNothingHappened();
  });
});

describe('a paid need listed as a demand (ADR 0024)', () => {
  const saga: Principal = { subject: 'demand', role: 'service' };
  const need = { needId: 'n-1', expertId: 'x-1', points: 100 };
  const { reward: _noReward, ...unrewarded } = content;
  const listedContent: DemandContent = { ...unrewarded, subProblems: [], capabilities: [], ipTerms: 'none', maturity: 'idea', trl: 1 };
  const list = (by: Principal = saga) => cmd('ListNeed', { demandId: 'n-1', need, content: listedContent, approvedBy: 'op-1' }, by);
  const needDrafted: DemandEvent = { type: 'DemandDrafted', data: { demandId: 'n-1', organisationId: NEED_SEEKER_ORGANISATION, authorId: 'x-1', content: listedContent, draftedAt: at, need } };
  const needPublished: DemandEvent = {
    type: 'DemandPublished',
    data: { demandId: 'n-1', organisationId: NEED_SEEKER_ORGANISATION, ...subject, subProblems: [], capabilities: [], publishedBy: 'op-1', publishedAt: at },
  };

  it('given nothing, when the saga lists a paid need, then it is drafted and published at once, its seeker the expert', () => {
    spec.given([]).when(list()).then([needDrafted, needPublished]);
    const d = [needDrafted, needPublished].reduce(demandDecider.evolve, demandDecider.initialState);
    expect(d).toMatchObject({ status: 'published', need, organisationId: NEED_SEEKER_ORGANISATION });
    expect(isOwner(d as ExistingDemand, expert)).toBe(true);
    expect(isOwner(d as ExistingDemand, { subject: 'x-2', role: 'expert' })).toBe(false);
    expect(isOwner(d as ExistingDemand, { subject: 'eve', role: 'enterprise', organisationId: NEED_SEEKER_ORGANISATION.slice(1) })).toBe(false);
  });
  it('a repeat after a crash lists nothing twice; another demand with that id is refused', () => {
    spec.given([needDrafted, needPublished]).when(list()).thenNothingHappened();
    spec.given([drafted]).when(cmd('ListNeed', { demandId: 'd-1', need, content: listedContent, approvedBy: 'op-1' }, saga)).thenThrows(IllegalStateError);
  });
  it('only the saga lists needs', () => {
    spec.given([]).when(list(expert)).thenThrows(ForbiddenError);
    spec.given([]).when(list(operator)).thenThrows(ForbiddenError);
  });
  it('given a listed need, when the expert who asked for it closes it, then it is closed by them; another expert may not', () => {
    const seeker: Principal = { subject: 'x-1', role: 'expert' };
    spec.given([needDrafted, needPublished]).when(cmd('CloseDemand', { adoptedProposalIds: ['p-1'] }, seeker)).then([
      { type: 'DemandClosed', data: { demandId: 'n-1', organisationId: NEED_SEEKER_ORGANISATION, outcome: 'awarded', adoptedProposalIds: ['p-1'], closedBy: 'x-1', closedAt: at } },
    ]);
    spec.given([needDrafted, needPublished]).when(cmd('CloseDemand', { adoptedProposalIds: [] }, { subject: 'x-2', role: 'expert' })).thenThrows(ForbiddenError);
    // An expert is no seeker of an organisation's demand.
    spec.given([drafted, submitted, published]).when(cmd('CloseDemand', { adoptedProposalIds: [] }, expert)).thenThrows(ForbiddenError);
  });
  it('a demand drafted before needs existed folds without a need', () => {
    expect([drafted].reduce(demandDecider.evolve, demandDecider.initialState)).not.toHaveProperty('need');
  });
});
