import { DeciderSpecification } from '@hope/kernel/testing';
import { IllegalStateError, NotFoundError, ValidationError } from '@hope/kernel';
import { expertDecider } from './expert.decide';
import type { ExpertCommand } from './expert.commands';
import type { ExpertEvent } from './expert.events';

const now = new Date('2026-03-01T09:00:00.000Z');
const at = now.toISOString();
const spec = DeciderSpecification.for(expertDecider);
const id = 'e-1';
const profile = { name: 'Li Wei', expertise: { zh: '变频压缩机控制' }, skills: [{ name: 'motor control', lastPractised: 2025 }] };

const joined: ExpertEvent = { type: 'ExpertJoined', data: { expertId: id, profile, joinedAt: at } };
const core: ExpertEvent = { type: 'ExpertPromotedToCore', data: { expertId: id, by: 'op-1', promotedAt: at } };
const applied: ExpertEvent = { type: 'CertificationApplied', data: { expertId: id, appliedAt: at } };
const inReview: ExpertEvent = { type: 'CertificationReviewStarted', data: { expertId: id, by: 'op-1', startedAt: at } };
const refused: ExpertEvent = { type: 'CertificationRefused', data: { expertId: id, by: 'op-1', reason: 'no patents yet', refusedAt: at } };
const certified: ExpertEvent = { type: 'ExpertCertified', data: { expertId: id, by: 'op-1', certifiedAt: at } };

const cmd = <T extends ExpertCommand['type']>(type: T, data: Omit<Extract<ExpertCommand, { type: T }>['data'], 'expertId'>): ExpertCommand =>
  ({ type, data: { expertId: id, ...data }, metadata: { now } }) as ExpertCommand;
const codeOf = (code: string) => (e: Error) => expect((e as IllegalStateError).code).toBe(code);

describe('expert registry: joining and profile', () => {
  it('given nothing, when an expert joins with an invitation, then ExpertJoined carries the inviter', () => {
    spec.given([]).when(cmd('JoinExpert', { profile, invitation: { invitationId: 'inv-1', inviterId: 'e-0' } })).then([
      { type: 'ExpertJoined', data: { expertId: id, profile, inviterId: 'e-0', invitationId: 'inv-1', joinedAt: at } },
    ]);
  });

  it('given nothing, when an expert joins without invitation, then ExpertJoined has no inviter', () => {
    spec.given([]).when(cmd('JoinExpert', { profile })).then([joined]);
  });

  it('given a member, when they join again, then it is refused', () => {
    spec.given([joined]).when(cmd('JoinExpert', { profile })).thenThrows(IllegalStateError, codeOf('EXPERT.ALREADY_JOINED'));
  });

  it('given a member, when the profile changes, then only the changed fields are recorded', () => {
    spec.given([joined]).when(cmd('UpdateProfile', { changes: { name: 'Li Wei', region: 'Qingdao', domains: ['hvac'] } })).then([
      { type: 'ExpertProfileUpdated', data: { expertId: id, changes: { region: 'Qingdao', domains: ['hvac'] }, updatedAt: at } },
    ]);
  });

  it('given a member, when the profile is sent unchanged, then nothing happens', () => {
    spec.given([joined]).when(cmd('UpdateProfile', { changes: { name: 'Li Wei', skills: profile.skills } })).thenNothingHappened();
  });

  it('given a member, when a skill is practised in the future or an employment ends before it starts, then each field is named', () => {
    spec
      .given([joined])
      .when(cmd('UpdateProfile', { changes: { skills: [{ name: 'x', lastPractised: 2031 }], employers: [{ employer: 'Haier', from: '2020-05', to: '2019-01' }] } }))
      .thenThrows(ValidationError, (e) => expect((e as ValidationError).fields.map((f) => f.field)).toEqual(['skills.0.lastPractised', 'employers.0.to']));
  });

  it('given nobody, when a profile is updated, then it is not found', () => {
    spec.given([]).when(cmd('UpdateProfile', { changes: { region: 'x' } })).thenThrows(NotFoundError);
  });
});

describe('expert registry: tiers and the certification workflow', () => {
  it('given a user of interest, when an operator promotes them, then they are core', () => {
    spec.given([joined]).when(cmd('PromoteToCore', { by: 'op-1' })).then([core]);
  });

  it('given a core user, when promoted again, then it is refused', () => {
    spec.given([joined, core]).when(cmd('PromoteToCore', { by: 'op-1' })).thenThrows(IllegalStateError, codeOf('EXPERT.ALREADY_CORE'));
  });

  it('given a user of interest, when they apply for certification, then it is refused: only core users apply', () => {
    spec.given([joined]).when(cmd('ApplyForCertification', {})).thenThrows(IllegalStateError, codeOf('CERTIFICATION.NOT_CORE'));
  });

  it('given a core user, when they apply, then CertificationApplied', () => {
    spec.given([joined, core]).when(cmd('ApplyForCertification', { motivation: '12 patents' })).then([
      { type: 'CertificationApplied', data: { expertId: id, motivation: '12 patents', appliedAt: at } },
    ]);
  });

  it('given a pending application, when they apply again, then it is refused', () => {
    spec.given([joined, core, applied]).when(cmd('ApplyForCertification', {})).thenThrows(IllegalStateError, codeOf('CERTIFICATION.PENDING'));
  });

  it('given an application, when an operator starts the review, then CertificationReviewStarted', () => {
    spec.given([joined, core, applied]).when(cmd('StartCertificationReview', { by: 'op-1' })).then([inReview]);
  });

  it('given an application not yet in review, when an operator certifies, then it is refused: review comes first', () => {
    spec.given([joined, core, applied]).when(cmd('CertifyExpert', { by: 'op-1' })).thenThrows(IllegalStateError, codeOf('CERTIFICATION.NOT_IN_REVIEW'));
  });

  it('given a review, when the operator certifies, then ExpertCertified names the operator', () => {
    spec.given([joined, core, applied, inReview]).when(cmd('CertifyExpert', { by: 'op-1' })).then([certified]);
  });

  it('given a review, when the operator refuses without a reason, then it is refused naming the field', () => {
    spec.given([joined, core, applied, inReview]).when(cmd('RefuseCertification', { by: 'op-1', reason: '  ' })).thenThrows(ValidationError, (e) =>
      expect((e as ValidationError).fields).toEqual([{ field: 'reason', reason: 'must not be empty' }]),
    );
  });

  it('given a review, when the operator refuses with a reason, then CertificationRefused keeps it', () => {
    spec.given([joined, core, applied, inReview]).when(cmd('RefuseCertification', { by: 'op-1', reason: 'no patents yet' })).then([refused]);
  });

  it('given a refusal, when the expert applies again, then a new application is recorded', () => {
    spec.given([joined, core, applied, inReview, refused]).when(cmd('ApplyForCertification', {})).then([applied]);
  });

  it('given a certified partner, when they apply again, then it is refused: they are no longer core', () => {
    spec.given([joined, core, applied, inReview, certified]).when(cmd('ApplyForCertification', {})).thenThrows(IllegalStateError, codeOf('CERTIFICATION.NOT_CORE'));
  });

  it('folds the tier and the workflow', () => {
    const s = [joined, core, applied, inReview, refused].reduce(expertDecider.evolve, expertDecider.initialState);
    expect(s).toMatchObject({ status: 'member', tier: 'core', certification: { status: 'refused', refusedReason: 'no patents yet' } });
  });
});

describe('expert compliance: terms, employer restrictions', () => {
  const accepted: ExpertEvent = { type: 'TermsAccepted', data: { expertId: id, version: '2026-01', acceptedAt: at } };
  const restriction = { restrictionId: 'r1', organisationIds: ['org-rival'], until: '2027-01-01' };
  const restricted: ExpertEvent = { type: 'EmployerRestrictionRecorded', data: { expertId: id, restriction, by: id, recordedAt: at } };

  it('given a member, when they accept the current terms, then TermsAccepted; another version is refused', () => {
    spec.given([joined]).when(cmd('AcceptTerms', { version: '2026-01', currentTerms: '2026-01' })).then([accepted]);
    spec.given([joined]).when(cmd('AcceptTerms', { version: '2025-01', currentTerms: '2026-01' })).thenThrows(IllegalStateError, codeOf('TERMS.NOT_CURRENT'));
    spec.given([joined]).when(cmd('AcceptTerms', { version: '2026-01' })).thenThrows(IllegalStateError, codeOf('TERMS.NOT_CURRENT'));
  });

  it('given the current terms accepted this year, when accepted again, then nothing; a year later, it is recorded again', () => {
    spec.given([joined, accepted]).when(cmd('AcceptTerms', { version: '2026-01', currentTerms: '2026-01' })).thenNothingHappened();
    const yearOld: ExpertEvent = { type: 'TermsAccepted', data: { expertId: id, version: '2026-01', acceptedAt: '2025-02-01T00:00:00.000Z' } };
    spec.given([joined, yearOld]).when(cmd('AcceptTerms', { version: '2026-01', currentTerms: '2026-01' })).then([accepted]);
  });

  it('given a member, when a restriction is recorded, then it is an event; lifting an unknown one is not found', () => {
    spec.given([joined]).when(cmd('RecordEmployerRestriction', { restriction, by: id })).then([restricted]);
    spec.given([joined]).when(cmd('RecordEmployerRestriction', { restriction: { restrictionId: 'r2', organisationIds: [], until: 'soon' }, by: id })).thenThrows(ValidationError, (e) =>
      expect((e as ValidationError).fields.map((f) => f.field)).toEqual(['organisationIds', 'until']),
    );
    spec.given([joined, restricted]).when(cmd('LiftEmployerRestriction', { restrictionId: 'r1', by: 'op-1' })).then([
      { type: 'EmployerRestrictionLifted', data: { expertId: id, restrictionId: 'r1', by: 'op-1', liftedAt: at } },
    ]);
    spec.given([joined]).when(cmd('LiftEmployerRestriction', { restrictionId: 'r1', by: 'op-1' })).thenThrows(NotFoundError);
  });
});

describe('erasure', () => {
  const forgotten: ExpertEvent = { type: 'ExpertForgotten', data: { expertId: id, by: id, forgottenAt: at } };

  it('given a member, when they ask to be forgotten, then ExpertForgotten; asking again records nothing', () => {
    spec.given([joined]).when(cmd('ForgetExpert', { by: id })).then([forgotten]);
    spec.given([joined, forgotten]).when(cmd('ForgetExpert', { by: id })).thenNothingHappened();
  });

  it('given a forgotten expert, nothing more is recorded for them: no update, no rejoin', () => {
    spec.given([joined, forgotten]).when(cmd('UpdateProfile', { changes: { region: 'x' } })).thenThrows(IllegalStateError, codeOf('EXPERT.FORGOTTEN'));
    spec.given([joined, forgotten]).when(cmd('JoinExpert', { profile })).thenThrows(IllegalStateError, codeOf('EXPERT.FORGOTTEN'));
  });
});
