import type { EmployerRestriction, TermsAcceptance } from '../compliance/compliance';
import type { ExpertEvent, Tier } from './expert.events';
import type { Profile } from './profile';

/** Where the expert is in the certification workflow; `refused` may apply again. */
export type CertificationStatus = 'none' | 'applied' | 'in-review' | 'refused' | 'certified';

export type Expert =
  | { status: 'absent' }
  /** Crypto-shredded: the personal data can no longer be read, and nothing more is recorded for them. */
  | { status: 'forgotten'; expertId: string }
  | {
      status: 'member';
      expertId: string;
      tier: Tier;
      profile: Profile;
      inviterId?: string;
      invitationId?: string;
      certification: { status: CertificationStatus; refusedReason?: string };
      terms?: TermsAcceptance;
      restrictions: readonly EmployerRestriction[];
    };

export const initialState: Expert = { status: 'absent' };

export const evolve = (state: Expert, event: ExpertEvent): Expert => {
  if (event.type === 'ExpertJoined' && state.status !== 'forgotten') {
    const { expertId, profile, inviterId, invitationId } = event.data;
    const invitedBy = inviterId !== undefined && invitationId !== undefined ? { inviterId, invitationId } : {};
    return { status: 'member', expertId, tier: 'interest', profile, ...invitedBy, certification: { status: 'none' }, restrictions: [] };
  }
  // Events for an absent expert cannot be recorded by decide; ignore rather than throw so history replays.
  if (state.status !== 'member') return state;
  switch (event.type) {
    case 'ExpertProfileUpdated':
      return { ...state, profile: { ...state.profile, ...event.data.changes } };
    case 'ExpertPromotedToCore':
      return { ...state, tier: 'core' };
    case 'CertificationApplied':
      return { ...state, certification: { status: 'applied' } };
    case 'CertificationReviewStarted':
      return { ...state, certification: { status: 'in-review' } };
    case 'ExpertCertified':
      return { ...state, tier: 'certified', certification: { status: 'certified' } };
    case 'CertificationRefused':
      return { ...state, certification: { status: 'refused', refusedReason: event.data.reason } };
    case 'TermsAccepted':
      return { ...state, terms: { version: event.data.version, acceptedAt: event.data.acceptedAt } };
    case 'EmployerRestrictionRecorded':
      return { ...state, restrictions: [...state.restrictions.filter((r) => r.restrictionId !== event.data.restriction.restrictionId), event.data.restriction] };
    case 'EmployerRestrictionLifted':
      return { ...state, restrictions: state.restrictions.filter((r) => r.restrictionId !== event.data.restrictionId) };
    case 'ExpertForgotten':
      return { status: 'forgotten', expertId: state.expertId };
    default:
      return state;
  }
};
