import type Database from 'better-sqlite3';
import { FUNNEL_STEPS } from '../../domain/funnel/funnel.decide';
import type { TrackRecord } from '../../domain/ranking/expert-index';
import { FunnelQueries, type FunnelCounts, type FunnelEntry } from './funnel.queries';

interface StepRow {
  demand_id: string;
  expert_id: string;
  rank: number | null;
  matched_at: string | null;
  invited_at: string | null;
  viewed_at: string | null;
  submitted_at: string | null;
  shortlisted_at: string | null;
  adopted_at: string | null;
}

const toEntry = (r: StepRow): FunnelEntry => ({
  demandId: r.demand_id,
  expertId: r.expert_id,
  ...(r.rank !== null ? { rank: r.rank } : {}),
  steps: Object.fromEntries(FUNNEL_STEPS.flatMap((s) => (r[`${s}_at`] !== null ? [[s, r[`${s}_at`]]] : []))),
});

const countsOf = (entries: readonly FunnelEntry[]): FunnelCounts =>
  Object.fromEntries(FUNNEL_STEPS.map((s) => [s, entries.filter((e) => e.steps[s] !== undefined).length])) as FunnelCounts;

/** The funnel read model in SQLite. */
export class SqliteFunnelQueries extends FunnelQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  forDemand(demandId: string): { demandId: string; counts: FunnelCounts; experts: FunnelEntry[] } {
    const rows = this.db.prepare<[string], StepRow>('SELECT * FROM funnel_steps WHERE demand_id = ? ORDER BY rank IS NULL, rank, expert_id').all(demandId);
    const experts = rows.map(toEntry);
    return { demandId, counts: countsOf(experts), experts };
  }

  forExpert(expertId: string): { expertId: string; counts: FunnelCounts; demands: FunnelEntry[] } {
    const rows = this.db.prepare<[string], StepRow>('SELECT * FROM funnel_steps WHERE expert_id = ? ORDER BY demand_id').all(expertId);
    const demands = rows.map(toEntry);
    return { expertId, counts: countsOf(demands), demands };
  }

  trackRecordsSince(seq: number): { records: { expertId: string; record: TrackRecord }[]; seq: number } {
    const rows = this.db
      .prepare<[number], { expert_id: string; invited: number; responded: number; shortlisted: number; adopted: number; rated: number; rating_sum: number; seq: number }>(
        'SELECT * FROM expert_track_records WHERE seq > ? ORDER BY seq',
      )
      .all(seq);
    return {
      records: rows.map((r) => ({
        expertId: r.expert_id,
        record: { invited: r.invited, responded: r.responded, shortlisted: r.shortlisted, adopted: r.adopted, rated: r.rated, ratingSum: r.rating_sum },
      })),
      seq: rows.length > 0 ? rows[rows.length - 1]!.seq : seq,
    };
  }

  maxSeq(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM expert_track_records').get()!.seq ?? 0;
  }
}
