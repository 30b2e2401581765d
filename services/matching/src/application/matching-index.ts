import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { PLATFORM_CONFIG, ReadinessRegistry, type PlatformConfig } from '@hope/platform';
import { ExpertIndex } from '../domain/ranking/expert-index';
import { defaultAnalyzer, defaultAnalyzerInTurns } from '../language/language';
import { rankExperts, type MatchQuery, type Ranking } from '../domain/ranking/rank';
import { ComplianceQueries } from '../projections/compliance/compliance.queries';
import { FunnelQueries } from '../projections/funnel/funnel.queries';
import { RegistryQueries } from '../projections/registry/registry.queries';
import { loadExpertIndex, saveExpertIndex } from './expert-index-snapshot';

/** MATCHING_MIN_RELEVANCE overrides the ranking's minimum relevance (DEFAULT_MIN_RELEVANCE) for the whole service. */
const MIN_RELEVANCE = process.env.MATCHING_MIN_RELEVANCE ? Number(process.env.MATCHING_MIN_RELEVANCE) : undefined;
/** Experts indexed per turn of the event loop while warming up: each chunk holds the loop a few tens of ms. */
export const WARM_UP_CHUNK = 500;
/** How often a changed index is written to its snapshot (and at shutdown). */
const SNAPSHOT_EVERY_MS = Number(process.env.MATCHING_INDEX_SNAPSHOT_MS ?? 10 * 60_000);

/**
 * The in-memory ranking index, a second stage of the registry and funnel projections: before each
 * query it pulls only the rows changed since it last looked (by the projections' `seq`), so a profile
 * change, an erasure or an adoption is visible to the next ranking. Being a function of the
 * projections' rows (and the keys), it equals a rebuild whenever they do.
 *
 * At start it loads its snapshot (`<dataDir>/matching.expert-index.snapshot`, stamped with the seqs it
 * reflects) and catches up from there, in chunks that yield to the event loop; without a usable
 * snapshot it builds from the registry the same way. The service reports ready (`matching-index`)
 * once that is done. A query arriving before catches up synchronously: late, never wrong. The
 * snapshot is written off the request path, after a warm-up that built, periodically when changed, and
 * at shutdown (decision 0029). The compliance policy is read per query: it is two small tables.
 */
@Injectable()
export class MatchingIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MatchingIndex.name);
  /** Made at warm-up once the language resources are loaded without holding the loop; a query before that loads them at once. */
  private index: ExpertIndex | undefined;
  private seq = 0;
  private funnelSeq = 0;
  private ready = false;
  private warming: Promise<void> | undefined;
  private savedAt = { seq: -1, funnelSeq: -1 };
  private saving: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly snapshotFile: string;

  /** The registry port opens profiles with the keys (bound so in the module): the index ranks on them. */
  constructor(
    private readonly queries: RegistryQueries,
    private readonly funnel: FunnelQueries,
    private readonly compliance: ComplianceQueries,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    readiness: ReadinessRegistry,
  ) {
    this.snapshotFile = join(config.dataDir, 'matching.expert-index.snapshot');
    readiness.register('matching-index', async () => {
      if (!this.ready) throw new Error('the expert index is still loading');
    });
  }

  /** Starts the warm-up (the service listens meanwhile and reports not ready until it is done). */
  onApplicationBootstrap(): void {
    this.warming = this.warmUp().catch((error: unknown) => this.logger.error({ err: error }, 'expert index warm-up failed; queries will build it'));
    this.timer = setInterval(() => void this.save(), SNAPSHOT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.warming;
    await this.save();
  }

  /** Resolves once the index has caught up with the projections (for tests and the bench). */
  async whenReady(): Promise<void> {
    await this.warming;
  }

  /** The index, made now (its language resources loaded in one go) if a query comes before the warm-up made it. */
  private get current(): ExpertIndex {
    return (this.index ??= new ExpertIndex(defaultAnalyzer()));
  }

  private async warmUp(): Promise<void> {
    // jieba and CC-CEDICT load a few thousand lines per turn: demand, sharing the loop in embedded mode, keeps answering.
    const analyzer = await defaultAnalyzerInTurns();
    this.index ??= new ExpertIndex(analyzer);
    const loaded = await loadExpertIndex(this.snapshotFile, analyzer);
    // A snapshot ahead of the projections belongs to another history (a rebuild, another data directory): not ours.
    if (loaded && loaded.positions.seq <= this.queries.maxSeq() && loaded.positions.funnelSeq <= this.funnel.maxSeq() && this.seq === 0) {
      this.index = loaded.index;
      this.seq = loaded.positions.seq;
      this.funnelSeq = loaded.positions.funnelSeq;
      this.savedAt = loaded.positions;
      this.logger.log(`expert index loaded from its snapshot: ${loaded.index.size} experts at seq ${this.seq}`);
    }
    for (;;) {
      const changed = this.queries.changedSince(this.seq, WARM_UP_CHUNK);
      this.apply(changed);
      if (changed.experts.length < WARM_UP_CHUNK) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.refresh();
    this.ready = true;
    if (!loaded) await this.save();
  }

  /** Writes the snapshot if the index moved since the last one (one write at a time). */
  async save(): Promise<void> {
    if (!this.ready || (this.savedAt.seq === this.seq && this.savedAt.funnelSeq === this.funnelSeq)) return;
    if (this.saving) return this.saving;
    const positions = { seq: this.seq, funnelSeq: this.funnelSeq };
    this.saving = saveExpertIndex(this.snapshotFile, this.current, positions)
      .then(() => void (this.savedAt = positions))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'expert index snapshot not written'))
      .finally(() => (this.saving = undefined));
    return this.saving;
  }

  private apply(changed: ReturnType<RegistryQueries['changedSince']>): void {
    for (const e of changed.experts) {
      // The profile of a forgotten expert cannot be read any more: they leave the index.
      if (e.erased) this.current.remove(e.expertId);
      else this.current.upsert({ expertId: e.expertId, tier: e.tier, profile: e.profile, restrictions: e.restrictions, ...(e.terms ? { terms: e.terms } : {}) });
    }
    this.seq = changed.seq;
  }

  refresh(): ExpertIndex {
    const changed = this.queries.changedSince(this.seq);
    // A projection rebuild starts seq again from the beginning: start over with it.
    if ((changed.experts.length === 0 && this.queries.maxSeq() < this.seq) || this.funnel.maxSeq() < this.funnelSeq) return this.rebuild();
    this.apply(changed);
    const records = this.funnel.trackRecordsSince(this.funnelSeq);
    for (const r of records.records) this.current.setTrackRecord(r.expertId, r.record);
    this.funnelSeq = records.seq;
    return this.current;
  }

  rebuild(): ExpertIndex {
    this.index = new ExpertIndex(this.current.analyzer);
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
