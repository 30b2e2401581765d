import type Database from 'better-sqlite3';
import { cursorCodec, isStringPairKey } from '@hope/platform';
import type { DemandContent } from '../../domain/demand/demand.content';
import type { CatalogueRow } from '../demand-catalogue/demand-catalogue.projection';
import { FUNNEL_STAGES, type FunnelStage } from './dashboard.projection';

export interface ProposalCounts {
  clues: number;
  plans: number;
}

export interface DemandDashboardRow {
  demandId: string;
  title: DemandContent['title'];
  status: string;
  publishedAt?: string;
  deadline: string;
  /** Clues and plans not withdrawn, to the demand as a whole (any sub-problem or none). */
  proposals: ProposalCounts;
  /** The same, per sub-problem of the demand's current content. */
  subProblems: ({ subProblemId: string; title: DemandContent['subProblems'][number]['title'] } & ProposalCounts)[];
  /** From publication to the first clue or plan (withdrawn ones included: they were an answer); null until there is one. */
  timeToFirstProposalMs: number | null;
  /** Distinct experts who reached each stage. */
  funnel: Record<FunnelStage, number>;
}

/** Keyset position (listed_at, demand_id) of an organisation's dashboard, in the platform's tagged cursor. */
export const DASHBOARD_CURSOR = cursorCodec('dashboard', 1, isStringPairKey);

function rowFor(db: Database.Database, d: CatalogueRow): DemandDashboardRow {
  const c = JSON.parse(d.content) as DemandContent;
  const counts = db
    .prepare<[string], { sub_problem_id: string | null; kind: string; n: number }>(
      "SELECT sub_problem_id, kind, count(*) AS n FROM proposals_list WHERE demand_id = ? AND status <> 'withdrawn' GROUP BY sub_problem_id, kind",
    )
    .all(d.demand_id);
  const count = (kind: string, sp?: string) => counts.filter((r) => r.kind === kind && (sp === undefined || r.sub_problem_id === sp)).reduce((n, r) => n + r.n, 0);
  const first = db.prepare<[string], { first: string | null }>('SELECT min(submitted_at) AS first FROM proposals_list WHERE demand_id = ?').get(d.demand_id)?.first ?? null;
  const stages = db.prepare<[string], { stage: FunnelStage; n: number }>('SELECT stage, count(*) AS n FROM dashboard_funnel WHERE demand_id = ? GROUP BY stage').all(d.demand_id);
  const funnel = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, stages.find((r) => r.stage === s)?.n ?? 0])) as Record<FunnelStage, number>;
  return {
    demandId: d.demand_id,
    title: c.title,
    status: d.status,
    ...(d.published_at ? { publishedAt: d.published_at } : {}),
    deadline: c.deadline,
    proposals: { clues: count('clue'), plans: count('plan') },
    subProblems: c.subProblems.map((sp) => ({ subProblemId: sp.id, title: sp.title, clues: count('clue', sp.id), plans: count('plan', sp.id) })),
    timeToFirstProposalMs: first && d.published_at ? Date.parse(first) - Date.parse(d.published_at) : null,
    funnel,
  };
}

/** An organisation's demands (every status), newest first, cursor-paged, each with its figures. */
export function organisationDashboard(db: Database.Database, organisationId: string, limit: number, cursor?: string): { organisationId: string; demands: DemandDashboardRow[]; nextCursor?: string } {
  const after = cursor ? DASHBOARD_CURSOR.decode(cursor) : undefined;
  const rows = db
    .prepare<unknown[], CatalogueRow>(
      `SELECT * FROM demand_catalogue WHERE organisation_id = ? ${after ? 'AND (listed_at < ? OR (listed_at = ? AND demand_id < ?))' : ''} ORDER BY listed_at DESC, demand_id DESC LIMIT ?`,
    )
    .all(organisationId, ...(after ? [after[0], after[0], after[1]] : []), limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { organisationId, demands: page.map((d) => rowFor(db, d)), ...(rows.length > limit && last ? { nextCursor: DASHBOARD_CURSOR.encode([last.listed_at, last.demand_id]) } : {}) };
}
