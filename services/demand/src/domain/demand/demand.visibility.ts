import type { Principal } from '@hope/kernel';
import type { DemandStatus, ExistingDemand } from './demand.state';

/** Statuses the community may see: once published, a demand stays readable when it ends. */
export const PUBLIC_STATUSES: readonly DemandStatus[] = ['published', 'closed', 'expired'];

/** Staff who read every demand: the kernel's staff (operators, services) and analysts, who only read. */
export const readsAsStaff = (viewer: Principal): boolean => viewer.role === 'operator' || viewer.role === 'analyst' || viewer.role === 'service';
export const isOwner = (d: { organisationId: string }, viewer: Principal): boolean => viewer.role === 'enterprise' && viewer.organisationId === d.organisationId;

/**
 * Who may read a demand. Drafts and demands under review: their organisation and staff only.
 * Published ones: experts see public and restricted demands (community tiers are the matching
 * service's; until it tells us, every expert counts as a member), other enterprises public ones.
 * Confidential demands: their organisation, staff, and invited experts once they accepted the NDA
 * (`ndaAccepted`, read by the application from the demand's `nda-<id>` stream).
 */
export function canSee(d: Pick<ExistingDemand, 'organisationId' | 'status' | 'content'>, viewer: Principal, ndaAccepted = false): boolean {
  if (readsAsStaff(viewer) || isOwner(d, viewer)) return true;
  if (!PUBLIC_STATUSES.includes(d.status as DemandStatus)) return false;
  if (viewer.role === 'expert') return d.content.visibility !== 'confidential' || ndaAccepted;
  return d.content.visibility === 'public';
}

/** The seeker stays hidden from the community when it asked for anonymity. */
export const showsSeeker = (d: { organisationId: string; content: { anonymous: boolean } }, viewer: Principal): boolean =>
  !d.content.anonymous || readsAsStaff(viewer) || isOwner(d, viewer);
