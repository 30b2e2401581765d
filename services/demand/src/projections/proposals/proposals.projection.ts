import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { ProposalEvent } from '../../domain/proposal/proposal.events';

const statusAfter: Partial<Record<ProposalEvent['type'], string>> = {
  ProposalWithdrawn: 'withdrawn',
  PlanShortlisted: 'shortlisted',
  PlanAdopted: 'adopted',
  ProposalRejected: 'rejected',
};

/**
 * One row per proposal: lists per demand (the enterprise), per expert (their own, as representative or
 * co-author: `proposals_authors`), and adopted plans at close.
 */
export const proposalsProjection: SqlProjection = {
  name: 'proposals',
  // v2: proposals_authors (co-authors see their proposals too).
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS proposals_list (
      proposal_id TEXT PRIMARY KEY, demand_id TEXT NOT NULL, sub_problem_id TEXT, kind TEXT NOT NULL, expert_id TEXT NOT NULL,
      organisation_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, content_hash TEXT NOT NULL, submitted_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS proposals_list_demand ON proposals_list (demand_id, submitted_at);
    CREATE INDEX IF NOT EXISTS proposals_list_expert ON proposals_list (expert_id, submitted_at);
    CREATE TABLE IF NOT EXISTS proposals_authors (
      expert_id TEXT NOT NULL, proposal_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (expert_id, proposal_id)
    );`,
  tables: ['proposals_list', 'proposals_authors'],
  filter: { streamPrefixes: ['proposal-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as ProposalEvent;
    if (e.type === 'ClueSubmitted' || e.type === 'PlanSubmitted') {
      const d = e.data;
      db.prepare(`INSERT OR REPLACE INTO proposals_list VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?)`).run(
        d.proposalId, d.demandId, d.subProblemId ?? null, e.type === 'ClueSubmitted' ? 'clue' : 'plan', d.expertId, d.organisationId, d.content.title, d.contentHash, d.submittedAt,
      );
      const author = db.prepare('INSERT OR REPLACE INTO proposals_authors VALUES (?, ?, ?)');
      author.run(d.expertId, d.proposalId, 'representative');
      for (const x of d.coAuthorIds) author.run(x, d.proposalId, 'co-author');
    } else if (e.type === 'ProposalEdited') {
      db.prepare('UPDATE proposals_list SET title = ?, content_hash = ? WHERE proposal_id = ?').run(e.data.content.title, e.data.contentHash, e.data.proposalId);
    } else if (statusAfter[e.type]) {
      db.prepare('UPDATE proposals_list SET status = ? WHERE proposal_id = ?').run(statusAfter[e.type]!, (e.data as { proposalId: string }).proposalId);
    }
  },
};

export interface ProposalSummary {
  proposalId: string;
  demandId: string;
  subProblemId?: string;
  kind: string;
  expertId: string;
  status: string;
  title: string;
  contentHash: string;
  submittedAt: string;
}

type Row = { proposal_id: string; demand_id: string; sub_problem_id: string | null; kind: string; expert_id: string; status: string; title: string; content_hash: string; submitted_at: string };
const toSummary = (r: Row): ProposalSummary => ({
  proposalId: r.proposal_id,
  demandId: r.demand_id,
  ...(r.sub_problem_id ? { subProblemId: r.sub_problem_id } : {}),
  kind: r.kind,
  expertId: r.expert_id,
  status: r.status,
  title: r.title,
  contentHash: r.content_hash,
  submittedAt: r.submitted_at,
});

export const proposalsOfDemand = (db: Database.Database, demandId: string): ProposalSummary[] =>
  db.prepare<[string], Row>('SELECT * FROM proposals_list WHERE demand_id = ? ORDER BY submitted_at, proposal_id').all(demandId).map(toSummary);

/** The proposals an expert represents or co-authors, newest first, with the expert's part in each. */
export const proposalsOfExpert = (db: Database.Database, expertId: string): (ProposalSummary & { role: string })[] =>
  db
    .prepare<[string], Row & { role: string }>(
      'SELECT p.*, a.role FROM proposals_authors a JOIN proposals_list p ON p.proposal_id = a.proposal_id WHERE a.expert_id = ? ORDER BY p.submitted_at DESC, p.proposal_id',
    )
    .all(expertId)
    .map((r) => ({ ...toSummary(r), role: r.role }));

export const adoptedProposalIds = (db: Database.Database, demandId: string): string[] =>
  db.prepare<[string], { proposal_id: string }>("SELECT proposal_id FROM proposals_list WHERE demand_id = ? AND status = 'adopted'").all(demandId).map((r) => r.proposal_id);
