import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { DemandContent } from '../../domain/demand/demand.content';
import type { DemandEvent } from '../../domain/demand/demand.events';

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

const statusAfter: Partial<Record<DemandEvent['type'], string>> = {
  DemandSubmittedForReview: 'submitted',
  DemandRejected: 'rejected',
  DemandPublished: 'published',
  DemandClosed: 'closed',
  DemandCancelled: 'cancelled',
  DemandExpired: 'expired',
};

/**
 * Appended to the indexed copy of the search text (never to the catalogue's): every character of the
 * text, the last two included, then starts a trigram, so the trigrams starting with a 1-2 character word
 * name every row containing it (see `keywordCondition`). A control character no keyword may contain.
 */
export const FTS_END = '\u0001\u0001';

/** Keeps the full-text index row (same rowid as the catalogue row) in step with the catalogue's search text. */
function indexSearchText(db: Database.Database, demandId: string): void {
  const row = db.prepare<[string], { rowid: number; search_text: string }>('SELECT rowid, search_text FROM demand_catalogue WHERE demand_id = ?').get(demandId);
  if (!row) return;
  db.prepare('DELETE FROM demand_catalogue_fts WHERE rowid = ?').run(row.rowid);
  db.prepare('INSERT INTO demand_catalogue_fts (rowid, demand_id, search_text) VALUES (?, ?, ?)').run(row.rowid, demandId, row.search_text + FTS_END);
}

/**
 * Every demand with its current content and status, searchable by domain, status and keyword (in any
 * language: a lower-cased text of titles, descriptions, keywords and capabilities). The search text is
 * also in an FTS5 index with the trigram tokenizer (substring matches of 3+ characters in any script;
 * and 1-2 character words through the index's vocabulary, see the query). Who may see which row is the query's business, not the fold's.
 */
export const demandCatalogueProjection: SqlProjection = {
  name: 'demand_catalogue',
  // v2: the FTS5 trigram index (the runner rebuilds from 0 on a version change, filling it).
  // v3: the indexed text ends with FTS_END, and the vocabulary table (1-2 character words).
  version: 3,
  schema: `
    CREATE TABLE IF NOT EXISTS demand_catalogue (
      demand_id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, status TEXT NOT NULL, visibility TEXT NOT NULL,
      domain TEXT NOT NULL, search_text TEXT NOT NULL, listed_at TEXT NOT NULL, published_at TEXT,
      revisions INTEGER NOT NULL DEFAULT 0, content TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS demand_catalogue_listing ON demand_catalogue (listed_at DESC, demand_id DESC);
    CREATE INDEX IF NOT EXISTS demand_catalogue_org ON demand_catalogue (organisation_id);
    CREATE INDEX IF NOT EXISTS demand_catalogue_deadline ON demand_catalogue (status, json_extract(content, '$.deadline'));
    CREATE VIRTUAL TABLE IF NOT EXISTS demand_catalogue_fts USING fts5 (demand_id UNINDEXED, search_text, tokenize = 'trigram');
    -- Every trigram of the index with the rows holding it, readable by a range of trigrams: no data of its own.
    CREATE VIRTUAL TABLE IF NOT EXISTS demand_catalogue_fts_terms USING fts5vocab (demand_catalogue_fts, instance);`,
  tables: ['demand_catalogue', 'demand_catalogue_fts'],
  filter: { streamPrefixes: ['demand-'] },
  apply(db: Database.Database, recorded: RecordedEvent): void {
    const e = { type: recorded.type, data: recorded.data } as DemandEvent;
    if (e.type === 'DemandDrafted') {
      const c = e.data.content;
      // A replaced row gets a new rowid: its old index row goes first.
      db.prepare('DELETE FROM demand_catalogue_fts WHERE rowid = (SELECT rowid FROM demand_catalogue WHERE demand_id = ?)').run(e.data.demandId);
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
