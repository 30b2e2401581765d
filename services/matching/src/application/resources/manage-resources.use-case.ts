import { deterministicUuid, ValidationError, type AggregateHandler, type CommandMeta, type Principal } from '@hope/kernel';
import type { ResourceFields } from '../../domain/resources/resource';
import type { Actor, Resource, ResourceCommand, ResourceEvent } from '../../domain/resources/resource.decide';

export type ResourceHandler = AggregateHandler<Resource, ResourceCommand, ResourceEvent>;
export interface ManageResourcesDeps {
  readonly resources: ResourceHandler;
  readonly clock: { now(): Date };
}

export const actorOf = (who: Principal): Actor => ({ subject: who.subject, role: who.role, ...(who.organisationId !== undefined ? { organisationId: who.organisationId } : {}) });

/**
 * The organisation a caller registers for: an enterprise its own (the tenancy gate has verified its
 * membership), staff the one they name. Naming another organisation is refused by the decider.
 */
export function ownerFor(who: Principal, named: string | undefined): string {
  const owner = named ?? (who.role === 'enterprise' ? who.organisationId : undefined);
  if (owner === undefined) throw new ValidationError('RESOURCE.OWNER_REQUIRED', 'Staff name the owning organisation', [{ field: 'ownerOrganisationId', reason: 'is required for staff' }]);
  return owner;
}

/** A new resource; its id follows from the command id, so a retried request (same Idempotency-Key) registers it once. */
export async function registerResource(deps: ManageResourcesDeps, who: Principal, input: { fields: ResourceFields; ownerOrganisationId?: string }, meta: CommandMeta): Promise<string> {
  const resourceId = deterministicUuid('matching.resource', meta.commandId);
  const ownerOrganisationId = ownerFor(who, input.ownerOrganisationId);
  await deps.resources.handle(resourceId, { type: 'RegisterResource', data: { resourceId, ownerOrganisationId, fields: input.fields, by: actorOf(who) }, metadata: { now: deps.clock.now() } }, meta);
  return resourceId;
}

export async function reviseResource(deps: ManageResourcesDeps, who: Principal, resourceId: string, changes: Partial<ResourceFields>, meta: CommandMeta): Promise<void> {
  await deps.resources.handle(resourceId, { type: 'ReviseResource', data: { resourceId, changes, by: actorOf(who) }, metadata: { now: deps.clock.now() } }, meta);
}

export async function withdrawResource(deps: ManageResourcesDeps, who: Principal, resourceId: string, reason: string | undefined, meta: CommandMeta): Promise<void> {
  const data = { resourceId, by: actorOf(who), ...(reason !== undefined ? { reason } : {}) };
  await deps.resources.handle(resourceId, { type: 'WithdrawResource', data, metadata: { now: deps.clock.now() } }, meta);
}

/** An enquiry to the owning organisation, kept on the platform: the caller never learns an address. */
export async function enquire(deps: ManageResourcesDeps, who: Principal, resourceId: string, message: string, meta: CommandMeta): Promise<string> {
  const enquiryId = deterministicUuid('matching.resource-enquiry', meta.commandId);
  await deps.resources.handle(resourceId, { type: 'SendResourceEnquiry', data: { resourceId, enquiryId, message, from: actorOf(who) }, metadata: { now: deps.clock.now() } }, meta);
  return enquiryId;
}
