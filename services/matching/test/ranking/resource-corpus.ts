import { createHash } from 'node:crypto';
import { generator } from '../../../../bench/src/resources.bench';
import { ResourceIndex, type IndexedResource } from '../../src/domain/resources/resource-index';

/**
 * A fixed resource corpus (the bench's seeded generator, 4,000 resources with revisions and withdrawals)
 * and the digest of each query's hits, searched (pruned) and exhaustive: golden/resources.json holds
 * (bounded, exhaustive) as the index gave them before the compact core (decision 0029). A small seed
 * makes the pruned path (seed, non-essential terms skipped, exact rescoring) run at this size.
 */
export function resourceDigests(index = new ResourceIndex({ seedPostings: 2_000, seedRescored: 100 })): string[] {
  const g = generator(11);
  const docs: IndexedResource[] = Array.from({ length: 4_000 }, (_, i) => {
    const { resourceId, title, description, capabilities } = g.resource(i);
    return { resourceId, title, description, capabilities };
  });
  for (const d of docs) index.upsert(d);
  // Revisions (the old version retired), withdrawals, and a re-registration.
  for (let i = 0; i < 4_000; i += 7) index.upsert({ ...docs[(i * 13) % 4_000]!, title: g.resource(4_000 + i).title });
  for (let i = 0; i < 4_000; i += 11) index.remove(docs[(i * 17) % 4_000]!.resourceId);
  index.upsert(docs[17]!);
  const digest = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
  return Array.from({ length: 120 }, () => g.query()).flatMap((q) => [digest(index.search(q, 20)), digest(index.searchExhaustive(q, 20))]);
}
