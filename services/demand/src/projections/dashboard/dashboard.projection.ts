import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { FunnelEvent } from '../../domain/funnel/funnel.events';
import type { ProposalEvent } from '../../domain/proposal/proposal.events';

export const FUNNEL_STAGES = ['matched', 'viewed', 'submitted', 'shortlisted', 'adopted'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * The enterprise dashboard's funnel: which experts reached which stage of each demand, one row per
 * (demand, stage, expert), so each expert counts once per stage however many events say so. Matched and
 * viewed come from `funnel-<demandId>`; submitted (the representative), shortlisted and adopted from the
 * proposals. An adopted plan counts as shortlisted too: adoption passes the shortlist, whether or not the
 * enterprise used it. Counts of clues and plans are read from the proposals projection.
 */
export const dashboardProjection: SqlProjection = {
  name: 'dashboard',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS dashboard_funnel (
      demand_id TEXT NOT NULL, stage TEXT NOT NULL, expert_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (demand_id, stage, expert_id)
    );`,
  tables: ['dashboard_funnel'],
  filter: { streamPrefixes: ['funnel-', 'proposal-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as FunnelEvent | ProposalEvent;
    // The first time an expert reaches a stage is the one kept.
    const reach = (demandId: string, stage: FunnelStage, expertId: string, at: string) =>
      db.prepare('INSERT OR IGNORE INTO dashboard_funnel VALUES (?, ?, ?, ?)').run(demandId, stage, expertId, at);
    switch (e.type) {
      case 'ExpertsMatchedToDemand':
        for (const x of e.data.expertIds) reach(e.data.demandId, 'matched', x, e.data.matchedAt);
        return;
      case 'DemandViewed':
        reach(e.data.demandId, 'viewed', e.data.expertId, e.data.viewedAt);
        return;
      case 'ClueSubmitted':
      case 'PlanSubmitted':
        reach(e.data.demandId, 'submitted', e.data.expertId, e.data.submittedAt);
        return;
      case 'PlanShortlisted':
        reach(e.data.demandId, 'shortlisted', e.data.expertId, e.data.at);
        return;
      case 'PlanAdopted':
        reach(e.data.demandId, 'shortlisted', e.data.expertId, e.data.at);
        reach(e.data.demandId, 'adopted', e.data.expertId, e.data.at);
        return;
      default:
        return;
    }
  },
};
