import type { Principal } from '@hope/kernel';
import type { Profile } from '../domain/expert/profile';
import type { ExpertView } from '../projections/registry/registry.queries';

/**
 * The profile fields anyone on the platform may see of an expert: their competence, what matching and
 * booking need (the complement of PERSONAL_FIELDS, which identify the person: name, email, bio,
 * employers, publications, rate). The inviter, the terms accepted and employer restrictions are ties,
 * not competence: owner and staff only. A field is public only once it is listed here.
 */
export const PUBLIC_PROFILE_FIELDS = ['expertise', 'domains', 'skills', 'certifications', 'region', 'timeZone', 'languages', 'availability'] as const;
type PublicProfile = Pick<Profile, (typeof PUBLIC_PROFILE_FIELDS)[number]>;

export interface PublicExpertView {
  expertId: string;
  erased: boolean;
  tier: ExpertView['tier'];
  certification: { status: ExpertView['certification']['status'] };
  profile: PublicProfile;
  joinedAt: string;
  updatedAt: string;
}

/** Sees everything: the expert themself, operators, and our own services (the service token). */
const seesAll = (v: Pick<ExpertView, 'expertId'>, who: Principal): boolean =>
  who.role === 'operator' || who.role === 'service' || (who.role === 'expert' && who.subject === v.expertId);

export function expertSeenBy(v: ExpertView, who: Principal): ExpertView | PublicExpertView {
  if (seesAll(v, who)) return v;
  const profile: Record<string, unknown> = {};
  for (const f of PUBLIC_PROFILE_FIELDS) if (v.profile[f] !== undefined) profile[f] = v.profile[f];
  return { expertId: v.expertId, erased: v.erased, tier: v.tier, certification: { status: v.certification.status }, profile: profile as PublicProfile, joinedAt: v.joinedAt, updatedAt: v.updatedAt };
}
