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
  | { type: 'CertificationRefused'; data: { expertId: string; by: string; reason: string; refusedAt: string } };

export type ExpertEventType = ExpertEvent['type'];
export const EXPERT_EVENT_TYPES: readonly ExpertEventType[] = [
  'ExpertJoined',
  'ExpertProfileUpdated',
  'ExpertPromotedToCore',
  'CertificationApplied',
  'CertificationReviewStarted',
  'ExpertCertified',
  'CertificationRefused',
];

export const expertStream = (expertId: string): string => `expert-${expertId}`;
