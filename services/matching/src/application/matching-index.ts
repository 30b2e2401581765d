import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '@hope/eventstore';
import { PROJECTIONS } from '@hope/platform';
import { ExpertIndex } from '../domain/ranking/expert-index';
import { rankExperts, type MatchQuery, type Ranking } from '../domain/ranking/rank';
import { RegistryQueries } from '../projections/registry/registry.queries';

/**
 * The in-memory ranking index, a second stage of the registry projection: at start it loads every
 * expert, then before each query it pulls only the rows changed since it last looked (by the
 * projection's `seq`), so a profile change is visible to the next ranking. Being a function of the
 * projection's rows, it equals a rebuild whenever the projection does.
 */
@Injectable()
export class MatchingIndex {
  private index = new ExpertIndex();
  private seq = 0;
  private readonly queries: RegistryQueries;

  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionRunner) {
    this.queries = new RegistryQueries(projections.db);
  }

  refresh(): ExpertIndex {
    const changed = this.queries.changedSince(this.seq);
    // A projection rebuild starts seq again from the beginning: start over with it.
    if (changed.experts.length === 0 && this.queries.maxSeq() < this.seq) return this.rebuild();
    for (const e of changed.experts) this.index.upsert(e);
    this.seq = changed.seq;
    return this.index;
  }

  rebuild(): ExpertIndex {
    this.index = new ExpertIndex();
    this.seq = 0;
    return this.refresh();
  }

  rank(query: MatchQuery): Ranking {
    return rankExperts(this.refresh(), query);
  }
}
