import type { FunnelStep } from '../../domain/funnel/funnel.decide';
import type { TrackRecord } from '../../domain/ranking/expert-index';

export interface FunnelEntry {
  demandId: string;
  expertId: string;
  rank?: number;
  /** When each step was first reached; absent steps were not. */
  steps: Partial<Record<FunnelStep, string>>;
}

export type FunnelCounts = Record<FunnelStep, number>;

/** What the funnel read model answers: per demand, per expert, and the track records ranking reads. */
export abstract class FunnelQueries {
  abstract forDemand(demandId: string): { demandId: string; counts: FunnelCounts; experts: FunnelEntry[] };
  abstract forExpert(expertId: string): { expertId: string; counts: FunnelCounts; demands: FunnelEntry[] };
  /** Experts whose counts changed after `seq`: feeds the ranking index's track records. */
  abstract trackRecordsSince(seq: number): { records: { expertId: string; record: TrackRecord }[]; seq: number };
  abstract maxSeq(): number;
}
