import { projectionSpec } from '@hope/eventstore/testing';
import { SqliteKeyStore } from '../../application/personal-data/key-store';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { registryProjection } from './registry.projection';
import { SqliteRegistryQueries } from './sqlite-registry.queries';

const at = (day: number) => `2026-03-0${day}T09:00:00.000Z`;

describe('registry projection: given expert and invitation events, then the rows the registry port answers', () => {
  let keys: SqliteKeyStore;
  let cipher: PersonalDataCipher;
  beforeEach(() => {
    keys = new SqliteKeyStore(':memory:');
    cipher = new PersonalDataCipher(keys);
  });
  afterEach(() => keys.close());

  const history = () => [
    { stream: 'invitation-i1', type: 'InvitationSent', data: { invitationId: 'i1', inviterId: 'ann', sentAt: at(1) } },
    { stream: 'invitation-i1', type: 'InvitationAccepted', data: { invitationId: 'i1', inviterId: 'ann', inviteeId: 'ben', acceptedAt: at(2) } },
    {
      stream: 'expert-ben',
      type: 'ExpertJoined',
      data: { expertId: 'ben', profile: { expertise: { zh: '压缩机' }, region: 'Qingdao' }, personal: cipher.seal('ben', { name: 'Ben Li' }), inviterId: 'ann', invitationId: 'i1', joinedAt: at(2) },
    },
    { stream: 'expert-ben', type: 'ExpertProfileUpdated', data: { expertId: 'ben', changes: { region: 'Jinan' }, personal: cipher.seal('ben', { email: 'ben@x.cn' }), updatedAt: at(3) } },
    { stream: 'expert-ben', type: 'ExpertPromotedToCore', data: { expertId: 'ben', by: 'op', promotedAt: at(4) } },
    { stream: 'expert-ben', type: 'CertificationApplied', data: { expertId: 'ben', appliedAt: at(4) } },
    { stream: 'expert-ben', type: 'CertificationRefused', data: { expertId: 'ben', by: 'op', reason: 'too early', refusedAt: at(5) } },
    { stream: 'expert-ben', type: 'TermsAccepted', data: { expertId: 'ben', version: '2026-01', acceptedAt: at(5) } },
    { stream: 'expert-ben', type: 'EmployerRestrictionRecorded', data: { expertId: 'ben', restriction: { restrictionId: 'r1', organisationIds: ['org-a'] }, by: 'ben', recordedAt: at(6) } },
    { stream: 'expert-ben', type: 'EmployerRestrictionRecorded', data: { expertId: 'ben', restriction: { restrictionId: 'r2', organisationIds: ['org-b'] }, by: 'ben', recordedAt: at(6) } },
    { stream: 'expert-ben', type: 'EmployerRestrictionLifted', data: { expertId: 'ben', restrictionId: 'r1', by: 'op', liftedAt: at(7) } },
  ];

  it('an expert row folds the profile (personal fields opened with the key), tier, certification, terms and restrictions; the invitation row its acceptance', () =>
    projectionSpec(registryProjection, history(), (db) => {
      const q = new SqliteRegistryQueries(db, cipher.opener);
      expect(q.expert('ben')).toEqual({
        expertId: 'ben',
        erased: false,
        tier: 'core',
        certification: { status: 'refused', refusedReason: 'too early' },
        profile: { expertise: { zh: '压缩机' }, region: 'Jinan', name: 'Ben Li', email: 'ben@x.cn' },
        inviterId: 'ann',
        terms: { version: '2026-01', acceptedAt: at(5) },
        restrictions: [{ restrictionId: 'r2', organisationIds: ['org-b'] }],
        joinedAt: at(2),
        updatedAt: at(7),
      });
      expect(q.search({ region: 'Jinan', limit: 10 }).items.map((e) => e.expertId)).toEqual(['ben']);
      expect(q.invitation('i1')).toMatchObject({ inviter_id: 'ann', invitee_id: 'ben', status: 'accepted', fraud: null, accepted_at: at(2) });
      expect(q.acceptsSince('ann', at(1))).toBe(1);
      expect(q.acceptsSince('ann', at(3))).toBe(0);
    }));

  it('a forgotten expert reads erased: only the placeholder name, nothing personal, no restrictions; fraud marks the invitation', () =>
    projectionSpec(
      registryProjection,
      [
        ...history(),
        { stream: 'expert-ben', type: 'ExpertForgotten', data: { expertId: 'ben', by: 'ben', forgottenAt: at(8) } },
        { stream: 'invitation-i1', type: 'InvitationFraudDetected', data: { invitationId: 'i1', inviterId: 'ann', inviteeId: 'ben', pattern: 'invite-ring', detectedAt: at(8) } },
      ],
      (db) => {
        const q = new SqliteRegistryQueries(db, cipher.opener);
        expect(q.expert('ben')).toMatchObject({ erased: true, profile: { name: '(erased)' }, restrictions: [], updatedAt: at(8) });
        expect(q.expert('ben')).not.toHaveProperty('inviterId');
        expect(q.invitation('i1')).toMatchObject({ fraud: 'invite-ring' });
      },
    ));
});
