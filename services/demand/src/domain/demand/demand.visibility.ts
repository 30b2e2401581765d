import type { Principal } from '@hope/kernel';
import type { DemandStatus, ExistingDemand } from './demand.state';

/** Statuses the community may see: once published, a demand stays readable when it ends. */
export const PUBLIC_STATUSES: readonly DemandStatus[] = ['published', 'closed', 'expired'];

/** Staff who read every demand: the kernel's staff (operators, services) and analysts, who only read. */
export const readsAsStaff = (viewer: Principal): boolean => viewer.role === 'operator' || viewer.role === 'analyst' || viewer.role === 'service';
/**
 * The organisation of every demand published from an expert's paid need (ADR 0024). No organisation can
 * be registered under it (ids start with a letter or digit), so no enterprise user is ever its member.
 */
export const NEED_SEEKER_ORGANISATION = '@needs';

/** The seeker: its organisation's members, or the expert who asked for it as a paid need. */
export const isOwner = (d: { organisationId: string; need?: { expertId: string } }, viewer: Principal): boolean =>
  (viewer.role === 'enterprise' && viewer.organisationId === d.organisationId) || (viewer.role === 'expert' && d.need !== undefined && d.need.expertId === viewer.subject);

/**
 * What the application learnt of one expert and one demand from the demand's own streams:
 * `ndaAccepted` from `nda-<id>`; `intended` = the matching service matched them to it (recorded in
 * `funnel-<id>`; matching sends restricted demands to core-tier experts and up only).
 */
export interface ExpertAccess {
  readonly ndaAccepted?: boolean;
  readonly intended?: boolean;
}

/**
 * Who may read a demand. Drafts and demands under review: their organisation and staff only.
 * Published ones: every expert sees public demands; restricted ones only their intended experts
 * (community tiers are the matching service's, so its matches say who they are); confidential
 * ones only invited experts once they accepted the NDA. Other enterprises see public demands.
 */
export function canSee(d: Pick<ExistingDemand, 'organisationId' | 'status' | 'content'>, viewer: Principal, access: ExpertAccess = {}): boolean {
  if (readsAsStaff(viewer) || isOwner(d, viewer)) return true;
  if (!PUBLIC_STATUSES.includes(d.status as DemandStatus)) return false;
  if (viewer.role === 'expert') {
    if (d.content.visibility === 'confidential') return access.ndaAccepted === true;
    if (d.content.visibility === 'restricted') return access.intended === true;
    return true;
  }
  return d.content.visibility === 'public';
}

/** The seeker stays hidden from the community when it asked for anonymity. */
export const showsSeeker = (d: { organisationId: string; content: { anonymous: boolean } }, viewer: Principal): boolean =>
  !d.content.anonymous || readsAsStaff(viewer) || isOwner(d, viewer);
