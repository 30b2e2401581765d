import type Database from 'better-sqlite3';
import type { Principal } from '@hope/kernel';
import { badCursor, cursorCodec, isStringPairKey, type CursorCodec } from '@hope/platform';
import type { DemandContent } from '../../domain/demand/demand.content';
import { readsAsStaff, PUBLIC_STATUSES, showsSeeker } from '../../domain/demand/demand.visibility';
import { ACCEPTED_NDA_SQL, MATCHED_SQL } from '../confidential-access/confidential-access.projection';
import type { CatalogueRow } from './demand-catalogue.projection';
import { searchQuery } from './demand-search';

export interface BrowseFilters {
  domain?: string;
  keyword?: string;
  status?: string;
  /** Only the caller's organisation's demands (enterprise dashboard list). */
  mine?: boolean;
  /** A capability the demand or one of its sub-problems asks for (exact, case-insensitive). */
  capability?: string;
  /** Deadline window, ISO instants, inclusive. */
  deadlineFrom?: string;
  deadlineTo?: string;
  /** `relevance` (the default with words), `newest` (publication, else drafting, newest first; the default without) or `deadline` (soonest first). */
  sort?: 'relevance' | 'newest' | 'deadline';
  cursor?: string;
  limit: number;
}

export interface DemandSummary {
  demandId: string;
  /** Absent when the seeker asked to stay anonymous and the viewer is not its organisation or staff. */
  organisationId?: string;
  status: string;
  title: DemandContent['title'];
  domain: string;
  keywords: readonly string[];
  maturity: string;
  trl: number;
  visibility: string;
  deadline: string;
  publishedAt?: string;
  revisions: number;
  subProblems: DemandContent['subProblems'];
}

const DEADLINE = "json_extract(content, '$.deadline')";

type Sort = 'relevance' | 'newest' | 'deadline';
/** Keyset positions (sort key, id), one cursor list per order: a relevance cursor is no position in a deadline walk. */
export const DEMANDS_CURSORS: Record<Sort, CursorCodec<[string, string]>> = {
  relevance: cursorCodec('demands.relevance', 1, isStringPairKey),
  newest: cursorCodec('demands.newest', 1, isStringPairKey),
  deadline: cursorCodec('demands.deadline', 1, isStringPairKey),
};

/** Tenancy in SQL, mirroring `canSee`: the query never returns a row the viewer may not read. The row is aliased `c`. */
function visibleTo(viewer: Principal): { sql: string; params: unknown[] } {
  const open = `status IN (${PUBLIC_STATUSES.map(() => '?').join(', ')})`;
  if (readsAsStaff(viewer)) return { sql: '1 = 1', params: [] };
  if (viewer.role === 'expert') {
    const sql = `${open} AND (visibility = 'public' OR (visibility = 'restricted' AND ${MATCHED_SQL}) OR (visibility = 'confidential' AND ${ACCEPTED_NDA_SQL}))`;
    return { sql, params: [...PUBLIC_STATUSES, viewer.subject, viewer.subject] };
  }
  if (viewer.role === 'enterprise') return { sql: `(organisation_id = ? OR (${open} AND visibility = 'public'))`, params: [viewer.organisationId ?? '', ...PUBLIC_STATUSES] };
  return { sql: '1 = 0', params: [] };
}

type Condition = { sql: string; params: unknown[] };

/** How many of the newest rows the first pass of a newest-first browse looks at. */
export const NEWEST_WINDOW = 2_000;

const select = (db: Database.Database, sql: string, where: Condition[], extra: unknown[]): RankedRow[] =>
  db.prepare<unknown[], RankedRow>(sql).all(...where.flatMap((w) => w.params), ...extra);
const and = (where: Condition[]) => where.map((w) => w.sql).join(' AND ');

/** Keyset paging on (sort key, id): stable under inserts, no OFFSET scans. Relevance pages by (score, id). */
function afterCursor(cursor: string | undefined, sort: Sort, key: string, ascending: boolean): Condition[] {
  if (!cursor) return [];
  const [k, id] = DEMANDS_CURSORS[sort].decode(cursor);
  const v = key === 'score' ? Number(k) : k;
  if (typeof v === 'number' && Number.isNaN(v)) throw badCursor();
  const cmp = ascending ? '>' : '<';
  return [{ sql: `(${key} ${cmp} ? OR (${key} = ? AND demand_id ${cmp} ?))`, params: [v, v, id] }];
}

/**
 * Without words: newest first (published demands by publication, others by drafting) or by deadline,
 * cursor-paged. Newest first is answered in up to two passes, both exact: (1) the newest NEWEST_WINDOW
 * rows after the cursor, walked down the listing index and filtered row by row: when they hold a full
 * page, no older row can belong on it; (2) otherwise the whole catalogue.
 * With words (`keyword`): the demands holding every word (any order, any field; a quoted part as a
 * phrase), most relevant first (BM25, the title weighing TITLE_WEIGHT times the rest), or in the
 * order `sort` asks for.
 */
export function browseDemands(db: Database.Database, viewer: Principal, f: BrowseFilters): { items: DemandSummary[]; nextCursor?: string } {
  const where: Condition[] = [visibleTo(viewer)];
  if (f.mine) where.push({ sql: 'organisation_id = ?', params: [viewer.organisationId ?? ''] });
  if (f.domain) where.push({ sql: 'domain = ?', params: [f.domain] });
  if (f.status) where.push({ sql: 'status = ?', params: [f.status] });
  if (f.capability) {
    where.push({
      sql: `(EXISTS (SELECT 1 FROM json_each(content, '$.capabilities') c WHERE lower(c.value) = ?)
             OR EXISTS (SELECT 1 FROM json_each(content, '$.subProblems') sp, json_each(sp.value, '$.capabilities') c WHERE lower(c.value) = ?))`,
      params: [f.capability.toLowerCase(), f.capability.toLowerCase()],
    });
  }
  if (f.deadlineFrom) where.push({ sql: `${DEADLINE} >= ?`, params: [new Date(f.deadlineFrom).toISOString()] });
  if (f.deadlineTo) where.push({ sql: `${DEADLINE} <= ?`, params: [new Date(f.deadlineTo).toISOString()] });
  const match = f.keyword !== undefined ? searchQuery(f.keyword) : undefined;
  if (f.keyword !== undefined && match === undefined) return { items: [] };
  const sort = match ? (f.sort ?? 'relevance') : f.sort === 'deadline' ? 'deadline' : 'newest';
  const rows = match && sort === 'relevance' ? byRelevance(db, where, match, f) : byDate(db, where, match, sort === 'deadline', f);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const cursorOf = (r: RankedRow) =>
    DEMANDS_CURSORS[sort].encode([sort === 'relevance' ? String(r.score) : sort === 'deadline' ? (JSON.parse(r.content) as DemandContent).deadline : r.listed_at, r.demand_id]);
  return { items: page.map((r) => toSummary(r, viewer)), ...(rows.length > f.limit && last ? { nextCursor: cursorOf(last) } : {}) };
}

/** How much more a word in the title counts than the same word in the description, keywords or capabilities. */
export const TITLE_WEIGHT = 3;

type RankedRow = CatalogueRow & { score?: number };

/** Every visible demand holding the words, scored by BM25 (lower is better: SQLite's bm25 is negated). */
function byRelevance(db: Database.Database, where: Condition[], match: string, f: BrowseFilters): RankedRow[] {
  const scored = `SELECT c.*, bm25(demand_search, ${TITLE_WEIGHT}, 1) AS score FROM demand_search JOIN demand_catalogue AS c ON c.rowid = demand_search.rowid WHERE demand_search MATCH ?`;
  const all = [...where, ...afterCursor(f.cursor, 'relevance', 'score', true)];
  return db.prepare<unknown[], RankedRow>(`SELECT * FROM (${scored}) AS c WHERE ${and(all)} ORDER BY score ASC, demand_id ASC LIMIT ?`).all(match, ...all.flatMap((w) => w.params), f.limit + 1);
}

function byDate(db: Database.Database, where: Condition[], match: string | undefined, byDeadline: boolean, f: BrowseFilters): RankedRow[] {
  const key = byDeadline ? DEADLINE : 'listed_at';
  const after = afterCursor(f.cursor, byDeadline ? 'deadline' : 'newest', key, byDeadline);
  const order = byDeadline ? `${key} ASC, demand_id ASC` : `${key} DESC, demand_id DESC`;
  if (match) {
    // The index's hits, looked up by rowid and sorted: no other index may drive the scan (the planner
    // would pick the status index and read every published row).
    const all = [{ sql: 'rowid IN (SELECT rowid FROM demand_search WHERE demand_search MATCH ?)', params: [match] }, ...where, ...after];
    return select(db, `SELECT * FROM demand_catalogue AS c NOT INDEXED WHERE ${and(all)} ORDER BY ${order} LIMIT ?`, all, [f.limit + 1]);
  }
  if (!byDeadline) {
    const newest = `SELECT * FROM demand_catalogue INDEXED BY demand_catalogue_listing ${after.length ? `WHERE ${and(after)}` : ''} ORDER BY ${order} LIMIT ${NEWEST_WINDOW}`;
    const firstPass = db
      .prepare<unknown[], CatalogueRow>(`SELECT * FROM (${newest}) AS c WHERE ${and(where)} ORDER BY ${order} LIMIT ?`)
      .all(...after.flatMap((w) => w.params), ...where.flatMap((w) => w.params), f.limit + 1);
    if (firstPass.length > f.limit) return firstPass;
  }
  const all = [...where, ...after];
  return select(db, `SELECT * FROM demand_catalogue AS c WHERE ${and(all)} ORDER BY ${order} LIMIT ?`, all, [f.limit + 1]);
}

function toSummary(r: RankedRow, viewer: Principal): DemandSummary {
  const c = JSON.parse(r.content) as DemandContent;
  return {
    demandId: r.demand_id,
    ...(showsSeeker({ organisationId: r.organisation_id, content: c }, viewer) ? { organisationId: r.organisation_id } : {}),
    status: r.status,
    title: c.title,
    domain: c.domain,
    keywords: c.keywords,
    maturity: c.maturity,
    trl: c.trl,
    visibility: c.visibility,
    deadline: c.deadline,
    ...(r.published_at ? { publishedAt: r.published_at } : {}),
    revisions: r.revisions,
    subProblems: c.subProblems,
  };
}

/** Published demands whose deadline is at or before `now`: candidates for the expiry job. */
export const demandsDueForExpiry = (db: Database.Database, now: Date): { demandId: string; deadline: string }[] =>
  db
    .prepare<[string], { demandId: string; deadline: string }>(
      `SELECT demand_id AS demandId, json_extract(content, '$.deadline') AS deadline FROM demand_catalogue
       WHERE status = 'published' AND json_extract(content, '$.deadline') <= ? ORDER BY deadline LIMIT 500`,
    )
    .all(now.toISOString());
