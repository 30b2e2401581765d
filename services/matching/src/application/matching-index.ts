import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ExpertIndex } from '../domain/ranking/expert-index';
import { defaultAnalyzer } from '../language/language';
import { rankExperts, type MatchQuery, type Ranking } from '../domain/ranking/rank';
import { ComplianceQueries } from '../projections/compliance/compliance.queries';
import { FunnelQueries } from '../projections/funnel/funnel.queries';
import { RegistryQueries } from '../projections/registry/registry.queries';

/** MATCHING_MIN_RELEVANCE overrides the ranking's minimum relevance (DEFAULT_MIN_RELEVANCE) for the whole service. */
const MIN_RELEVANCE = process.env.MATCHING_MIN_RELEVANCE ? Number(process.env.MATCHING_MIN_RELEVANCE) : undefined;

/**
 * The in-memory ranking index, a second stage of the registry and funnel projections: at start it
 * loads every expert, then before each query it pulls only the rows changed since it last looked (by
 * the projections' `seq`), so a profile change, an erasure or an adoption is visible to the next
 * ranking. Being a function of the projections' rows (and the keys), it equals a rebuild whenever they do.
 * The compliance policy is read per query: it is two small tables.
 */
@Injectable()
export class MatchingIndex implements OnApplicationBootstrap {
  private index = new ExpertIndex(defaultAnalyzer());
  private seq = 0;
  private funnelSeq = 0;

  /** The registry port opens profiles with the keys (bound so in the module): the index ranks on them. */
  constructor(
    private readonly queries: RegistryQueries,
    private readonly funnel: FunnelQueries,
    private readonly compliance: ComplianceQueries,
  ) {}

  /**
   * Loads the language resources and indexes every expert before the service listens, so the first
   * ranking after a start does not pay for them inside a request (or a demand's event handler).
   */
  onApplicationBootstrap(): void {
    this.refresh();
  }

  refresh(): ExpertIndex {
    const changed = this.queries.changedSince(this.seq);
    // A projection rebuild starts seq again from the beginning: start over with it.
    if ((changed.experts.length === 0 && this.queries.maxSeq() < this.seq) || this.funnel.maxSeq() < this.funnelSeq) return this.rebuild();
    for (const e of changed.experts) {
      // The profile of a forgotten expert cannot be read any more: they leave the index.
      if (e.erased) this.index.remove(e.expertId);
      else this.index.upsert({ expertId: e.expertId, tier: e.tier, profile: e.profile, restrictions: e.restrictions, ...(e.terms ? { terms: e.terms } : {}) });
    }
    this.seq = changed.seq;
    const records = this.funnel.trackRecordsSince(this.funnelSeq);
    for (const r of records.records) this.index.setTrackRecord(r.expertId, r.record);
    this.funnelSeq = records.seq;
    return this.index;
  }

  rebuild(): ExpertIndex {
    this.index = new ExpertIndex(defaultAnalyzer());
    this.seq = 0;
    this.funnelSeq = 0;
    return this.refresh();
  }

  rank(query: Omit<MatchQuery, 'policy'>): Ranking {
    return rankExperts(this.refresh(), { ...(MIN_RELEVANCE !== undefined ? { minRelevance: MIN_RELEVANCE } : {}), ...query, policy: this.compliance.policy() });
  }

  /** The names experts gave an organisation with its id: the conflict check matches employments given by name on them. */
  organisationNames(organisationId: string): string[] {
    return this.refresh().namesOf(organisationId);
  }
}
