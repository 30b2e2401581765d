import { Injectable } from '@nestjs/common';
import { ResourceIndex } from '../../domain/resources/resource-index';
import type { ResourceMatch } from '../../domain/resources/resource-matches.decide';
import { ResourceQueries } from '../../projections/resources/resources.queries';

/** Rows pulled from the read model per query, so a first load of a million resources does not hold them all at once. */
const BATCH = 5_000;

/**
 * The resource index, a second stage of the resources projection (like the expert MatchingIndex): it
 * loads every active resource the first time it is asked, then before each ranking pulls only the
 * rows changed since (by `seq`), so a registration, revision or withdrawal counts in the next ranking.
 * A function of the projection's rows, it equals a rebuild whenever they do.
 */
@Injectable()
export class ResourceMatching {
  private index = new ResourceIndex();
  private seq = 0;

  constructor(private readonly queries: ResourceQueries) {}

  refresh(): ResourceIndex {
    // A projection rebuild starts seq again: start over with it (retired slots are the index's own to compact).
    if (this.queries.maxSeq() < this.seq) {
      this.index = new ResourceIndex();
      this.seq = 0;
    }
    for (;;) {
      const changed = this.queries.changedSince(this.seq, BATCH);
      for (const r of changed.resources) {
        if (r.status === 'active') this.index.upsert(r);
        else this.index.remove(r.resourceId);
      }
      this.seq = changed.seq;
      if (changed.resources.length < BATCH) return this.index;
    }
  }

  /** The best `limit` active resources for a text, each with the terms that matched it per field. */
  rank(text: string, limit: number): ResourceMatch[] {
    const hits = this.refresh().search(text, limit);
    const views = this.queries.resources(hits.map((h) => h.resourceId));
    return hits.flatMap((h, i) => {
      const view = views.get(h.resourceId);
      return view ? [{ resourceId: h.resourceId, rank: i + 1, score: h.score, explanation: ResourceIndex.explain(view, text) }] : [];
    });
  }
}
