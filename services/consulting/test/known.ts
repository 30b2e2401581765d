import { Topics, newEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { toMessage } from '@hope/messaging';
import type { EmbeddedPlatform } from '@hope/platform';
import { client } from './http-client';

/**
 * Makes experts and demands exist for consulting as production does: their services' ExpertJoined and
 * DemandPublished on the bus. Waits until consulting has noted each one (its `known-*` streams).
 */
export async function announce(platform: EmbeddedPlatform, refs: { experts?: readonly string[]; demands?: readonly string[] }): Promise<void> {
  const at = new Date().toISOString();
  const experts = refs.experts ?? [];
  const demands = refs.demands ?? [];
  const joined = experts.map((expertId) => toMessage(newEnvelope({ type: 'ExpertJoined', version: 1, stream: `expert-${expertId}`, occurredAt: new Date(), data: { expertId, joinedAt: at } })));
  const published = demands.map((demandId) =>
    toMessage(
      newEnvelope({
        type: 'DemandPublished',
        version: 3,
        stream: `demand-${demandId}`,
        occurredAt: new Date(),
        data: { demandId, organisationId: 'org-seeker', title: { en: demandId }, description: {}, domain: 'test', keywords: [], capabilities: [], subProblems: [], visibility: 'public', publishedAt: at },
      }),
    ),
  );
  if (joined.length > 0) await platform.bus.publish(Topics.matching, joined);
  if (published.length > 0) await platform.bus.publish(Topics.demand, published);
  await noted(platform, { experts, demands });
}

/**
 * Waits until consulting has noted these experts and demands (its `known-*` streams): after an expert
 * joins through matching's API, consulting learns of it from the bus a moment later, and a booking made
 * before then is refused as CONSULTING.UNKNOWN_EXPERT.
 */
export async function noted(platform: EmbeddedPlatform, refs: { experts?: readonly string[]; demands?: readonly string[] }): Promise<void> {
  const store = platform.stores.get('consulting')!;
  const streams = [...(refs.experts ?? []).map((id) => `known-expert-${id}`), ...(refs.demands ?? []).map((id) => `known-demand-${id}`)];
  for (const stream of streams) {
    for (let i = 0; (await collect(store.readStream(stream))).length === 0; i++) {
      if (i > 1_000) throw new Error(`consulting never noted ${stream}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * An expert joins through matching's API, as the expert, and the call returns once consulting has noted
 * them (ExpertJoined reached it over the bus): a booking right after is not refused as unknown. Anything
 * but 201 fails with matching's problem body, not later as an UNKNOWN_EXPERT.
 */
export async function joinExpert(platform: EmbeddedPlatform, expertId: string, profile: Record<string, unknown>): Promise<void> {
  const joined = await client(platform, 'matching').call({ sub: expertId, role: 'expert' }, 'POST', '/experts', profile);
  if (joined.status !== 201) throw new Error(`${expertId} did not join matching: ${joined.status} ${JSON.stringify(joined.body)}`);
  await noted(platform, { experts: [expertId] });
}
