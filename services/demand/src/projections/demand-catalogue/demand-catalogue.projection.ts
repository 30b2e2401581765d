import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { DemandContent } from '../../domain/demand/demand.content';
import type { DemandEvent } from '../../domain/demand/demand.events';
import { indexedText } from './demand-search';

/** The row the catalogue keeps per demand; `content` is the current DemandContent as JSON. */
export interface CatalogueRow {
  demand_id: string;
  organisation_id: string;
  status: string;
  visibility: string;
  domain: string;
  search_text: string;
  listed_at: string;
  published_at: string | null;
  revisions: number;
  content: string;
}

const searchText = (c: DemandContent): string =>
  [c.title.en, c.title.zh, c.description.en, c.description.zh, ...c.keywords, ...c.capabilities, ...c.subProblems.flatMap((s) => [s.title.en, s.title.zh, ...s.capabilities])]
    .filter((x): x is string => typeof x === 'string')
    .join('\n')
    .toLowerCase();

const present = (xs: readonly (string | undefined)[]) => xs.filter((x): x is string => typeof x === 'string' && x.length > 0);

/** The two weighted fields of the search index: the title, and everything else that says what the demand asks. */
const searchFields = (c: DemandContent): { title: string; body: string } => ({
  title: indexedText(present([c.title.en, c.title.zh]).join('\n')),
  body: indexedText(
    present([c.description.en, c.description.zh, ...c.keywords, ...c.capabilities, ...c.subProblems.flatMap((s) => [s.title.en, s.title.zh, ...s.capabilities])]).join('\n'),
  ),
});

const statusAfter: Partial<Record<DemandEvent['type'], string>> = {
  DemandSubmittedForReview: 'submitted',
  DemandRejected: 'rejected',
  DemandPublished: 'published',
  DemandClosed: 'closed',
  DemandCancelled: 'cancelled',
  DemandExpired: 'expired',
};

/** Keeps the search index row (same rowid as the catalogue row, so a rebuild's copy keeps them paired) in step with the content. */
function indexSearchText(db: Database.Database, demandId: string): void {
  const row = db.prepare<[string], { rowid: number; content: string }>('SELECT rowid, content FROM demand_catalogue WHERE demand_id = ?').get(demandId);
  if (!row) return;
  const { title, body } = searchFields(JSON.parse(row.content) as DemandContent);
  db.prepare('DELETE FROM demand_search WHERE rowid = ?').run(row.rowid);
  db.prepare('INSERT INTO demand_search (rowid, title, body) VALUES (?, ?, ?)').run(row.rowid, title, body);
}

/**
 * Every demand with its current content and status, searchable by domain, status and words (in any
 * language): an FTS5 index of words (`demand_search`: the title, and the rest of the text), Chinese
 * segmented by jieba (see demand-search.ts), ranked with BM25. Who may see which row is the query's
 * business, not the fold's.
 */
export const demandCatalogueProjection: SqlProjection = {
  name: 'demand_catalogue',
  // v2: the FTS5 trigram index (the runner rebuilds from 0 on a version change, filling it).
  // v3: the indexed text ends with FTS_END, and the vocabulary table (1-2 character words).
  // v4: a word index instead (title and body, jieba-segmented Chinese, BM25): the trigram tables are dropped.
  version: 4,
  schema: `
    CREATE TABLE IF NOT EXISTS demand_catalogue (
      demand_id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, status TEXT NOT NULL, visibility TEXT NOT NULL,
      domain TEXT NOT NULL, search_text TEXT NOT NULL, listed_at TEXT NOT NULL, published_at TEXT,
      revisions INTEGER NOT NULL DEFAULT 0, content TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS demand_catalogue_listing ON demand_catalogue (listed_at DESC, demand_id DESC);
    CREATE INDEX IF NOT EXISTS demand_catalogue_org ON demand_catalogue (organisation_id);
    CREATE INDEX IF NOT EXISTS demand_catalogue_deadline ON demand_catalogue (status, json_extract(content, '$.deadline'));
    DROP TABLE IF EXISTS demand_catalogue_fts_terms;
    DROP TABLE IF EXISTS demand_catalogue_fts;
    CREATE VIRTUAL TABLE IF NOT EXISTS demand_search USING fts5 (title, body, tokenize = 'porter unicode61 remove_diacritics 2');`,
  tables: ['demand_catalogue', 'demand_search'],
  filter: { streamPrefixes: ['demand-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as DemandEvent;
    if (e.type === 'DemandDrafted') {
      const c = e.data.content;
      // A replaced row gets a new rowid: its old index row goes first.
      db.prepare('DELETE FROM demand_search WHERE rowid = (SELECT rowid FROM demand_catalogue WHERE demand_id = ?)').run(e.data.demandId);
      db.prepare(
        `INSERT OR REPLACE INTO demand_catalogue (demand_id, organisation_id, status, visibility, domain, search_text, listed_at, published_at, revisions, content)
         VALUES (?, ?, 'draft', ?, ?, ?, ?, NULL, 0, ?)`,
      ).run(e.data.demandId, e.data.organisationId, c.visibility, c.domain, searchText(c), e.data.draftedAt, JSON.stringify(c));
      indexSearchText(db, e.data.demandId);
      return;
    }
    const row = db.prepare<[string], CatalogueRow>('SELECT * FROM demand_catalogue WHERE demand_id = ?').get((e.data as { demandId: string }).demandId);
    if (!row) return;
    if (e.type === 'DemandDraftEdited' || e.type === 'DemandRevised') {
      const content = { ...(JSON.parse(row.content) as DemandContent), ...e.data.changes } as DemandContent;
      db.prepare(
        `UPDATE demand_catalogue SET status = CASE WHEN ? THEN 'draft' ELSE status END, visibility = ?, domain = ?, search_text = ?, content = ?, revisions = revisions + ? WHERE demand_id = ?`,
      ).run(e.type === 'DemandDraftEdited' ? 1 : 0, content.visibility, content.domain, searchText(content), JSON.stringify(content), e.type === 'DemandRevised' ? 1 : 0, row.demand_id);
      indexSearchText(db, row.demand_id);
      return;
    }
    const status = statusAfter[e.type];
    if (!status) return;
    if (e.type === 'DemandPublished') {
      db.prepare('UPDATE demand_catalogue SET status = ?, published_at = ?, listed_at = ? WHERE demand_id = ?').run(status, e.data.publishedAt, e.data.publishedAt, row.demand_id);
    } else {
      db.prepare('UPDATE demand_catalogue SET status = ? WHERE demand_id = ?').run(status, row.demand_id);
    }
  },
};
