import { MemberAdded, MemberRemoved, newEnvelope, Topics, type MemberAddedV1, type MemberRemovedV1 } from '@hope/contracts';
import { toMessage, type MessageBus } from '@hope/messaging';

export interface MembershipChange {
  readonly organisationId: string;
  readonly subject: string;
  /** Default: added. */
  readonly removed?: boolean;
}

/**
 * For tests that run a service without demand: publishes membership facts on demand's topic as its relay
 * would, then waits until every named consumer group has handled them (a handled fact is projected:
 * the membership handler waits for the read model before its offset moves).
 */
export async function publishMemberships(bus: MessageBus, consumers: readonly string[], changes: readonly MembershipChange[], at = new Date('2030-01-01T00:00:00.000Z')): Promise<void> {
  const envelopes = changes.map((c) =>
    c.removed
      ? newEnvelope<MemberRemovedV1>({ type: MemberRemoved.type, version: 1, stream: `organisation-${c.organisationId}`, occurredAt: at, data: { organisationId: c.organisationId, subject: c.subject, removedAt: at.toISOString() } })
      : newEnvelope<MemberAddedV1>({ type: MemberAdded.type, version: 1, stream: `organisation-${c.organisationId}`, occurredAt: at, data: { organisationId: c.organisationId, subject: c.subject, role: 'enterprise', addedAt: at.toISOString() } }),
  );
  await bus.ensureTopics([Topics.demand]);
  await bus.publish(Topics.demand, envelopes.map((e) => toMessage(e)));
  for (const group of consumers) {
    for (let i = 0; (await bus.consumerLag(group, [Topics.demand])) > 0; i++) {
      if (i > 400) throw new Error(`${group} did not consume the membership facts`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/**
 * Membership facts for an embedded platform run without demand (or before its organisations exist):
 * every running service that decides tenancy consumes them before this returns.
 */
export async function grantMemberships(platform: { bus: MessageBus; services: ReadonlyMap<string, { definition: { name: string; tenancy?: boolean } }> }, changes: readonly MembershipChange[]): Promise<void> {
  const consumers = [...platform.services.values()].filter((s) => s.definition.tenancy).map((s) => s.definition.name);
  await publishMemberships(platform.bus, consumers, changes);
}
