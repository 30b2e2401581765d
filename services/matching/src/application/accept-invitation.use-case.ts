import { NotFoundError, type CommandMeta } from '@hope/kernel';
import { BURST_WINDOW_MS, ringLinks, type InviteLink } from '../domain/invitation/invitation.decide';
import type { RegistryQueries } from '../projections/registry/registry.queries';
import type { ExpertHandler, InvitationHandler, Now } from './registry.handlers';

/** How far up an inviter's chain a ring is looked for: rings longer than this are not worth a join's latency. */
const MAX_CHAIN = 10;

export interface AcceptInvitationDeps {
  readonly experts: ExpertHandler;
  readonly invitations: InvitationHandler;
  readonly registry: Pick<RegistryQueries, 'acceptsSince'>;
  readonly clock: Now;
}

export interface Credit {
  readonly invitationId: string;
  readonly inviterId: string;
}

/** The invitations above an expert, nearest first, read from the expert streams (not the read model). */
async function chainAbove(experts: ExpertHandler, expertId: string): Promise<InviteLink[]> {
  const chain: InviteLink[] = [];
  let current = await experts.load(expertId);
  while (current.status === 'member' && current.inviterId !== undefined && current.invitationId !== undefined && chain.length < MAX_CHAIN) {
    const inviterId = current.inviterId;
    chain.push({ invitationId: current.invitationId, inviterId, inviteeId: current.expertId });
    if (chain.some((l) => l.inviteeId === inviterId)) break; // a loop already recorded above: stop walking it
    current = await experts.load(inviterId);
  }
  return chain;
}

/**
 * Redeems an invitation: the invitation decides (accepted, or fraud recorded); a ring also flags the
 * chain's invitations that earned points so the points service reverses them. Returns whom the invitee
 * is credited to, if anyone.
 */
export async function acceptInvitation(deps: AcceptInvitationDeps, input: { invitationId: string; inviteeId: string }, meta: CommandMeta): Promise<{ credited?: Credit }> {
  const { invitationId, inviteeId } = input;
  const now = deps.clock.now();
  const sent = await deps.invitations.load(invitationId);
  if (sent.status === 'absent') throw new NotFoundError('INVITATION.NOT_FOUND', `No invitation ${invitationId}`);
  const inviterChain = await chainAbove(deps.experts, sent.inviterId);
  // A write decision from a read model: the burst guard counts the inviter's recent accepts in the
  // registry projection (read-your-writes makes it current for this process's own accepts).
  const since = new Date(now.getTime() - BURST_WINDOW_MS).toISOString();
  const recentAcceptsFromInviter = deps.registry.acceptsSince(sent.inviterId, since);
  const r = await deps.invitations.handle(invitationId, { type: 'AcceptInvitation', data: { invitationId, inviteeId, inviterChain, recentAcceptsFromInviter }, metadata: { now } }, meta);
  if (r.state.status !== 'absent' && r.state.fraud === 'invite-ring') {
    for (const link of ringLinks(inviteeId, inviterChain)) {
      await deps.invitations.handle(
        link.invitationId,
        { type: 'FlagInvitationFraud', data: { invitationId: link.invitationId, pattern: 'invite-ring' }, metadata: { now } },
        // One command per flagged link, derived from the accept's id: a retried accept flags nothing twice.
        { ...meta, commandId: `${meta.commandId}:${link.invitationId}` },
      );
    }
  }
  const credited = r.state.status !== 'absent' && r.state.fraud === undefined && r.state.inviteeId === inviteeId ? { invitationId, inviterId: r.state.inviterId } : undefined;
  return credited ? { credited } : {};
}
