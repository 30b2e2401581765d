import type { AggregateHandler } from '@hope/kernel';
import type { ExpertCommand } from '../domain/expert/expert.commands';
import type { StoredExpertEvent } from '../domain/expert/expert.events';
import type { Expert } from '../domain/expert/expert.state';
import type { Invitation, InvitationCommand } from '../domain/invitation/invitation.decide';
import type { InvitationEvent } from '../domain/invitation/invitation.events';

/** The expert aggregate's handler: the aggregate needs the cipher, so the module binds it once under this token. */
export const EXPERTS = Symbol('MATCHING_EXPERTS');
export type ExpertHandler = AggregateHandler<Expert, ExpertCommand, StoredExpertEvent>;
export type InvitationHandler = AggregateHandler<Invitation, InvitationCommand, InvitationEvent>;

/** The time source a use case stamps its commands with (the platform's CLOCK satisfies it). */
export interface Now {
  now(): Date;
}

/** What a use case on one expert needs: the expert's handler and the clock. */
export interface ExpertDeps {
  readonly experts: ExpertHandler;
  readonly clock: Now;
}
