import type { EmployerRestriction } from '../compliance/compliance';
import type { PersonalField, Sealed } from './personal-data';
import type { Profile, ProfileChanges } from './profile';

export const TIERS = ['interest', 'core', 'certified'] as const;
/** Community tiers: user of interest -> core user -> certified technology partner. */
export type Tier = (typeof TIERS)[number];

export type ExpertEvent =
  | {
      type: 'ExpertJoined';
      data: { expertId: string; profile: Profile; inviterId?: string; invitationId?: string; joinedAt: string };
    }
  | { type: 'ExpertProfileUpdated'; data: { expertId: string; changes: ProfileChanges; updatedAt: string } }
  | { type: 'ExpertPromotedToCore'; data: { expertId: string; by: string; promotedAt: string } }
  | { type: 'CertificationApplied'; data: { expertId: string; motivation?: string; appliedAt: string } }
  | { type: 'CertificationReviewStarted'; data: { expertId: string; by: string; startedAt: string } }
  | { type: 'ExpertCertified'; data: { expertId: string; by: string; certifiedAt: string } }
  | { type: 'CertificationRefused'; data: { expertId: string; by: string; reason: string; refusedAt: string } }
  | { type: 'TermsAccepted'; data: { expertId: string; version: string; acceptedAt: string } }
  | { type: 'EmployerRestrictionRecorded'; data: { expertId: string; restriction: EmployerRestriction; by: string; recordedAt: string } }
  | { type: 'EmployerRestrictionLifted'; data: { expertId: string; restrictionId: string; by: string; liftedAt: string } }
  | { type: 'ExpertForgotten'; data: { expertId: string; by: string; forgottenAt: string } };

/**
 * The events as stored: the personal fields of a profile travel only sealed (see personal-data.ts);
 * the application seals on the way in and opens on the way out, the decider sees `ExpertEvent`.
 * Events recorded before sealing (a plain `profile.name`) still replay.
 */
export type StoredExpertEvent =
  | Exclude<ExpertEvent, { type: 'ExpertJoined' | 'ExpertProfileUpdated' }>
  | {
      type: 'ExpertJoined';
      data: { expertId: string; profile: Omit<Profile, PersonalField> & Partial<Profile>; personal?: Sealed; inviterId?: string; invitationId?: string; joinedAt: string };
    }
  | { type: 'ExpertProfileUpdated'; data: { expertId: string; changes: Omit<ProfileChanges, PersonalField> & ProfileChanges; personal?: Sealed; updatedAt: string } };

export type ExpertEventType = ExpertEvent['type'];
export const EXPERT_EVENT_TYPES: readonly ExpertEventType[] = [
  'ExpertJoined',
  'ExpertProfileUpdated',
  'ExpertPromotedToCore',
  'CertificationApplied',
  'CertificationReviewStarted',
  'ExpertCertified',
  'CertificationRefused',
  'TermsAccepted',
  'EmployerRestrictionRecorded',
  'EmployerRestrictionLifted',
  'ExpertForgotten',
];

export const expertStream = (expertId: string): string => `expert-${expertId}`;
