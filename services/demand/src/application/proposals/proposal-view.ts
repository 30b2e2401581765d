import type { Principal } from '@hope/kernel';
import { readsAsStaff, showsSeeker } from '../../domain/demand/demand.visibility';
import type { ExistingProposal } from '../../domain/proposal/proposal.state';
import type { ProposalDeps } from './proposal.deps';

/** A proposal as one viewer may see it: the seeking organisation is left out when it asked for anonymity. */
export type SeenProposal = Omit<ExistingProposal, 'organisationId'> & { readonly organisationId?: string };

/**
 * The anonymous seeker never reaches an expert: a proposal records the organisation it answers (the
 * seeker's inbox needs it), so every answer to an expert about a proposal goes through here. The
 * demand's stream says whether it is anonymous; staff and the seeker itself see everything.
 */
export async function proposalSeenBy(deps: Pick<ProposalDeps, 'demands'>, p: ExistingProposal, viewer: Principal): Promise<SeenProposal> {
  if (readsAsStaff(viewer) || (viewer.role === 'enterprise' && viewer.organisationId === p.organisationId)) return p;
  const d = await deps.demands.load(p.demandId);
  if (d.status !== 'none' && showsSeeker(d, viewer)) return p;
  const { organisationId: _hidden, ...rest } = p;
  return rest;
}
