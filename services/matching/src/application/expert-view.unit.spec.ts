import { PERSONAL_FIELDS } from '../domain/expert/personal-data';
import type { ExpertView } from '../projections/registry/registry.queries';
import { PUBLIC_PROFILE_FIELDS, expertSeenBy } from './expert-view';

describe('what others see of an expert', () => {
  const view: ExpertView = {
    expertId: 'alice',
    erased: false,
    tier: 'core',
    certification: { status: 'none' },
    profile: { name: 'Alice', email: 'a@example.cn', bio: { en: 'b' }, employers: [{ employer: 'Haier', from: '2005-01' }], publications: ['p'], rate: { amount: 1, currency: 'CNY', per: 'hour' }, expertise: { en: 'noise' }, region: 'Qingdao' },
    inviterId: 'bob',
    restrictions: [],
    joinedAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  };

  it('no personal field is public', () => {
    expect(PUBLIC_PROFILE_FIELDS.filter((f) => (PERSONAL_FIELDS as readonly string[]).includes(f))).toEqual([]);
  });

  it('others get the public fields only; the expert, operators and services everything', () => {
    for (const role of ['enterprise', 'analyst'] as const) expect(expertSeenBy(view, { subject: 'x', role }).profile).toEqual({ expertise: { en: 'noise' }, region: 'Qingdao' });
    expect(expertSeenBy(view, { subject: 'bob', role: 'expert' })).not.toHaveProperty('inviterId');
    for (const who of [{ subject: 'alice', role: 'expert' }, { subject: 'op', role: 'operator' }, { subject: 'consulting', role: 'service' }] as const) expect(expertSeenBy(view, who)).toBe(view);
  });
});
