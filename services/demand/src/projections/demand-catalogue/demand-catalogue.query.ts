import type Database from 'better-sqlite3';
import { ValidationError, type Principal } from '@hope/kernel';
import type { DemandContent } from '../../domain/demand/demand.content';
import { readsAsStaff, PUBLIC_STATUSES, showsSeeker } from '../../domain/demand/demand.visibility';
import { ACCEPTED_NDA_SQL, MATCHED_SQL } from '../confidential-access/confidential-access.projection';
import { type CatalogueRow, FTS_END } from './demand-catalogue.projection';

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
  /** `newest` (publication, else drafting, newest first) or `deadline` (soonest first). */
  sort?: 'newest' | 'deadline';
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

const encodeCursor = (key: string, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
const DEADLINE = "json_extract(content, '$.deadline')";

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // falls through to the validation error
  }
  throw new ValidationError('PAGING.BAD_CURSOR', 'The cursor is not one this service returned', [{ field: 'cursor', reason: 'is not a valid cursor' }]);
}

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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Condition = { sql: string; params: unknown[] };

/**
 * Whether the index's case folding leaves every character of a lower-cased word as it is, so the word
 * is a prefix of the stored trigrams exactly where it is a substring of the text: caseless characters
 * (Chinese, digits, punctuation) and a-z. Other cased letters (ς, ǅ) are left to the scan.
 */
const foldsToItself = (k: string) => [...k].every((ch) => (ch >= 'a' && ch <= 'z') || ch.toUpperCase() === ch.toLowerCase());

/** The largest code point: `word + MAX_CHAR` bounds every term starting with `word`. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);

/**
 * The keyword as a condition on the catalogue, in two forms with the same meaning (substring of the
 * lower-cased search text). `scan` tests each row (LIKE): cheap over a few thousand rows. `indexed` asks
 * the FTS5 trigram index: for 3+ characters a quoted phrase of trigrams (a substring match); trigrams
 * cannot match 1-2 characters (降噪, "AI"), but every position of the indexed text starts a trigram (it
 * ends with FTS_END), so the rows containing a 1-2 character word are those holding a trigram that starts
 * with it: a range of the index's vocabulary, then confirmed by the scan's test (the range may also hold
 * a trigram running into FTS_END, and the scan's test is the definition). Whether that range is worth
 * using depends on how common the word is: see `keywordPlan`.
 */
export function keywordCondition(keyword: string): { scan: Condition; indexed: Condition; usesIndex: boolean; terms?: [string, string] } {
  const k = keyword.toLowerCase();
  const scan = { sql: "search_text LIKE ? ESCAPE '\\'", params: [`%${escapeLike(k)}%`] };
  if (k.length === 0 || k.includes(FTS_END[0]!)) return { scan, indexed: scan, usesIndex: false };
  if ([...k].length >= 3) {
    return { scan, indexed: { sql: 'rowid IN (SELECT rowid FROM demand_catalogue_fts WHERE demand_catalogue_fts MATCH ?)', params: [`"${k.replace(/"/g, '""')}"`] }, usesIndex: true };
  }
  if (!foldsToItself(k)) return { scan, indexed: scan, usesIndex: false };
  return {
    scan,
    indexed: { sql: `rowid IN (SELECT doc FROM demand_catalogue_fts_terms WHERE term >= ? AND term <= ?) AND ${scan.sql}`, params: [k, k + MAX_CHAR, ...scan.params] },
    usesIndex: true,
    terms: [k, k + MAX_CHAR],
  };
}

/**
 * Above this many trigrams starting with a 1-2 character word, the whole-catalogue pass walks the rows
 * (LIKE, in the sort's index order, stopping at a full page) rather than look up each holder by rowid:
 * at 100,000 demands a common letter ('e': 250,000 trigrams, 50,000 rows) costs ~170 ms by rowid
 * against ~50 ms for the walk, while a rare word (a few hundred) costs ~1 ms.
 */
export const SHORT_WORD_TERM_LIMIT = 10_000;

/**
 * How the whole-catalogue pass answers a keyword: `index` (the FTS5 index drives it) or `scan` (LIKE
 * over the rows: a 1-2 character word with more than SHORT_WORD_TERM_LIMIT trigrams, or one the index
 * cannot answer). Either way the same rows; counting stops at the limit, so the check is cheap.
 */
export function keywordPlan(db: Database.Database, keyword: string): 'index' | 'scan' {
  const k = keywordCondition(keyword);
  if (!k.usesIndex) return 'scan';
  if (!k.terms) return 'index';
  const n = db
    .prepare<[string, string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM demand_catalogue_fts_terms WHERE term >= ? AND term <= ? LIMIT ?)')
    .get(k.terms[0], k.terms[1], SHORT_WORD_TERM_LIMIT + 1)!.n;
  return n > SHORT_WORD_TERM_LIMIT ? 'scan' : 'index';
}

/** How many of the newest rows the first pass of a newest-first browse looks at. */
export const NEWEST_WINDOW = 2_000;

const select = (db: Database.Database, sql: string, where: Condition[], extra: unknown[]): CatalogueRow[] =>
  db.prepare<unknown[], CatalogueRow>(sql).all(...where.flatMap((w) => w.params), ...extra);
const and = (where: Condition[]) => where.map((w) => w.sql).join(' AND ');

/**
 * Newest first (published demands by publication, others by drafting) or by deadline, cursor-paged.
 * Newest first is answered in up to two passes, both exact: (1) the newest NEWEST_WINDOW rows after the
 * cursor, walked down the listing index and filtered row by row: when they hold a full page, no older
 * row can belong on it (common words, plain browsing); (2) otherwise the whole catalogue, driven by the
 * FTS index when there is a keyword it can answer (rare words: a few index hits, sorted).
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
  const keyword = f.keyword ? keywordCondition(f.keyword) : undefined;
  const byDeadline = f.sort === 'deadline';
  // Keyset paging on (sort key, id): stable under inserts, no OFFSET scans.
  const key = byDeadline ? DEADLINE : 'listed_at';
  const after: Condition[] = [];
  if (f.cursor) {
    const [k, id] = decodeCursor(f.cursor);
    after.push(byDeadline ? { sql: `(${key} > ? OR (${key} = ? AND demand_id > ?))`, params: [k, k, id] } : { sql: `(${key} < ? OR (${key} = ? AND demand_id < ?))`, params: [k, k, id] });
  }
  const order = byDeadline ? `${key} ASC, demand_id ASC` : `${key} DESC, demand_id DESC`;
  let rows: CatalogueRow[] | undefined;
  if (!byDeadline) {
    const newest = `SELECT * FROM demand_catalogue INDEXED BY demand_catalogue_listing ${after.length ? `WHERE ${and(after)}` : ''} ORDER BY ${order} LIMIT ${NEWEST_WINDOW}`;
    const filters = keyword ? [...where, keyword.scan] : where;
    const firstPass = db
      .prepare<unknown[], CatalogueRow>(`SELECT * FROM (${newest}) AS c WHERE ${and(filters)} ORDER BY ${order} LIMIT ?`)
      .all(...after.flatMap((w) => w.params), ...filters.flatMap((w) => w.params), f.limit + 1);
    if (firstPass.length > f.limit) rows = firstPass;
  }
  if (!rows) {
    const viaIndex = f.keyword !== undefined && keyword !== undefined && keywordPlan(db, f.keyword) === 'index';
    const all = [...where, ...(keyword ? [viaIndex ? keyword.indexed : keyword.scan] : []), ...after];
    // With index hits to start from, no other index may be chosen to drive the scan (the planner would
    // pick the status index and read every published row); the hits are looked up by rowid and sorted.
    const from = viaIndex ? 'demand_catalogue AS c NOT INDEXED' : 'demand_catalogue AS c';
    rows = select(db, `SELECT * FROM ${from} WHERE ${and(all)} ORDER BY ${order} LIMIT ?`, all, [f.limit + 1]);
  }
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const cursorOf = (r: CatalogueRow) => encodeCursor(byDeadline ? (JSON.parse(r.content) as DemandContent).deadline : r.listed_at, r.demand_id);
  return { items: page.map((r) => toSummary(r, viewer)), ...(rows.length > f.limit && last ? { nextCursor: cursorOf(last) } : {}) };
}

function toSummary(r: CatalogueRow, viewer: Principal): DemandSummary {
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
