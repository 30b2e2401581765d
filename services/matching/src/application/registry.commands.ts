import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, type EventStore, type Position } from '@hope/eventstore';
import { CLOCK, EVENT_STORE, PROJECTIONS, currentCorrelationId, type Clock, type Principal } from '@hope/platform';
import type { ProjectionRunner } from '@hope/eventstore';
import { ForbiddenError, NotFoundError } from '@hope/platform/errors';
import { ExpertAlreadyJoined, ExpertForgotten } from '../domain/expert/expert.decide';
import { policyDecider, POLICY_STREAM, type PolicyCommand } from '../domain/compliance/policy.decide';
import type { ExpertCommand } from '../domain/expert/expert.commands';
import { expertStream } from '../domain/expert/expert.events';
import type { Expert } from '../domain/expert/expert.state';
import type { Profile } from '../domain/expert/profile';
import { BURST_WINDOW_MS, invitationDecider, ringLinks, type Invitation, type InvitationCommand, type InviteLink } from '../domain/invitation/invitation.decide';
import { invitationStream } from '../domain/invitation/invitation.events';
import { RegistryQueries } from '../projections/registry/registry.queries';
import { PersonalDataCipher } from './personal-data/personal-data-cipher';
import { sealedExpertDecider } from './personal-data/sealed-expert-decider';

/** How far up an inviter's chain a ring is looked for: rings longer than this are not worth a join's latency. */
const MAX_CHAIN = 10;

/** Who may change an expert: the expert themself, or an operator. Tenancy lives here, not in the controllers. */
export const assertSelfOrOperator = (who: Principal, expertId: string): void => {
  if (who.role === 'operator') return;
  if (who.role === 'expert' && who.subject === expertId) return;
  throw new ForbiddenError('EXPERT.NOT_YOURS', 'An expert may change only their own profile');
};

/** Load -> decide -> append for experts and invitations, plus the cross-aggregate steps of joining. */
@Injectable()
export class RegistryCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.expertDecider = sealedExpertDecider(cipher);
  }

  private readonly expertDecider: ReturnType<typeof sealedExpertDecider>;

  private ctx(commandId: string, handler: string) {
    const correlationId = currentCorrelationId();
    return { commandId, handler: `matching.${handler}`, ...(correlationId ? { correlationId } : {}) };
  }

  async expert(command: ExpertCommand, commandId: string): Promise<{ state: Expert; position?: Position }> {
    const r = await handleCommand(this.store, expertStream(command.data.expertId), this.expertDecider, command, this.ctx(commandId, command.type));
    return { state: r.state, ...(r.position ? { position: r.position } : {}) };
  }

  async invitation(command: InvitationCommand, commandId: string) {
    return handleCommand(this.store, invitationStream(command.data.invitationId), invitationDecider, command, this.ctx(commandId, command.type));
  }

  async policy(command: PolicyCommand, commandId: string) {
    return handleCommand(this.store, POLICY_STREAM, policyDecider, command, this.ctx(commandId, command.type));
  }

  async loadExpert(expertId: string): Promise<Expert> {
    let state: Expert = this.expertDecider.initialState;
    for await (const e of this.store.readStream(expertStream(expertId))) state = this.expertDecider.evolve(state, { type: e.type, data: e.data } as never);
    return state;
  }

  /**
   * Crypto-shredding: the key goes first, so from this instant nothing can open the personal fields,
   * whatever happens next; then ExpertForgotten blanks the read models (and a retry after a crash in
   * between finds the key gone and records it).
   */
  async forget(expertId: string, by: string, commandId: string): Promise<{ position?: Position }> {
    const state = await this.loadExpert(expertId);
    if (state.status === 'absent') throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
    this.cipher.forget(expertId);
    return this.expert({ type: 'ForgetExpert', data: { expertId, by }, metadata: { now: this.clock.now() } }, commandId);
  }

  /** The invitations above an expert, nearest first, read from the expert streams (not the read model). */
  private async chainAbove(expertId: string): Promise<InviteLink[]> {
    const chain: InviteLink[] = [];
    let current = await this.loadExpert(expertId);
    while (current.status === 'member' && current.inviterId !== undefined && current.invitationId !== undefined && chain.length < MAX_CHAIN) {
      const inviterId = current.inviterId;
      chain.push({ invitationId: current.invitationId, inviterId, inviteeId: current.expertId });
      if (chain.some((l) => l.inviteeId === inviterId)) break; // a loop already recorded above: stop walking it
      current = await this.loadExpert(inviterId);
    }
    return chain;
  }

  /**
   * Redeems an invitation: the invitation decides (accepted, or fraud recorded); a ring also flags the
   * chain's invitations that earned points so the points service reverses them. Returns whether the
   * invitee is credited to the inviter.
   */
  async acceptInvitation(invitationId: string, inviteeId: string, commandId: string): Promise<{ credited?: { invitationId: string; inviterId: string }; position?: Position }> {
    const now = this.clock.now();
    let sent: Invitation = invitationDecider.initialState;
    for await (const e of this.store.readStream(invitationStream(invitationId))) sent = invitationDecider.evolve(sent, { type: e.type, data: e.data } as never);
    if (sent.status === 'absent') throw new NotFoundError('INVITATION.NOT_FOUND', `No invitation ${invitationId}`);
    const inviterChain = await this.chainAbove(sent.inviterId);
    const since = new Date(now.getTime() - BURST_WINDOW_MS).toISOString();
    const recentAcceptsFromInviter = new RegistryQueries(this.projections.db).acceptsSince(sent.inviterId, since);
    const r = await this.invitation({ type: 'AcceptInvitation', data: { invitationId, inviteeId, inviterChain, recentAcceptsFromInviter }, metadata: { now } }, commandId);
    let position = r.position;
    if (r.state.status !== 'absent' && r.state.fraud === 'invite-ring') {
      for (const link of ringLinks(inviteeId, inviterChain)) {
        const flagged = await this.invitation({ type: 'FlagInvitationFraud', data: { invitationId: link.invitationId, pattern: 'invite-ring' }, metadata: { now } }, `${commandId}:${link.invitationId}`);
        position = flagged.position ?? position;
      }
    }
    const credited = r.state.status !== 'absent' && r.state.fraud === undefined && r.state.inviteeId === inviteeId ? { invitationId, inviterId: r.state.inviterId } : undefined;
    return { ...(credited ? { credited } : {}), ...(position ? { position } : {}) };
  }

  /** Joins with an optional invitation code: the invitation is redeemed first, the expert credits its inviter only if it was clean. */
  async join(expertId: string, profile: Profile, invitationId: string | undefined, commandId: string): Promise<{ position?: Position }> {
    // Refused before the invitation is touched: a member redeeming a code to join again must not use it up.
    const existing = await this.loadExpert(expertId);
    if (existing.status === 'member') throw new ExpertAlreadyJoined(expertId);
    if (existing.status === 'forgotten') throw new ExpertForgotten(expertId);
    const accepted = invitationId ? await this.acceptInvitation(invitationId, expertId, commandId) : {};
    const r = await this.expert(
      { type: 'JoinExpert', data: { expertId, profile, ...(accepted.credited ? { invitation: accepted.credited } : {}) }, metadata: { now: this.clock.now() } },
      commandId,
    );
    const position = r.position ?? accepted.position;
    return position ? { position } : {};
  }
}
