import type Database from 'better-sqlite3';
import { ValidationError } from '@hope/platform/errors';
import type { Actor } from '../../domain/actor';
import type { DemandContent } from '../../domain/demand/demand.content';
import { isStaff, PUBLIC_STATUSES, showsSeeker } from '../../domain/demand/demand.visibility';
import type { CatalogueRow } from './demand-catalogue.projection';

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

/** Tenancy in SQL, mirroring `canSee`: the query never returns a row the viewer may not read. */
function visibleTo(viewer: Actor): { sql: string; params: unknown[] } {
  const open = `status IN (${PUBLIC_STATUSES.map(() => '?').join(', ')})`;
  if (isStaff(viewer)) return { sql: '1 = 1', params: [] };
  if (viewer.role === 'expert') return { sql: `${open} AND visibility IN ('public', 'restricted')`, params: [...PUBLIC_STATUSES] };
  if (viewer.role === 'enterprise') return { sql: `(organisation_id = ? OR (${open} AND visibility = 'public'))`, params: [viewer.organisationId ?? '', ...PUBLIC_STATUSES] };
  return { sql: '1 = 0', params: [] };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first (published demands by publication, others by drafting), cursor-paged. */
export function browseDemands(db: Database.Database, viewer: Actor, f: BrowseFilters): { items: DemandSummary[]; nextCursor?: string } {
  const where = [visibleTo(viewer)];
  if (f.mine) where.push({ sql: 'organisation_id = ?', params: [viewer.organisationId ?? ''] });
  if (f.domain) where.push({ sql: 'domain = ?', params: [f.domain] });
  if (f.status) where.push({ sql: 'status = ?', params: [f.status] });
  if (f.keyword) where.push({ sql: "search_text LIKE ? ESCAPE '\\'", params: [`%${escapeLike(f.keyword.toLowerCase())}%`] });
  if (f.capability) {
    where.push({
      sql: `(EXISTS (SELECT 1 FROM json_each(content, '$.capabilities') c WHERE lower(c.value) = ?)
             OR EXISTS (SELECT 1 FROM json_each(content, '$.subProblems') sp, json_each(sp.value, '$.capabilities') c WHERE lower(c.value) = ?))`,
      params: [f.capability.toLowerCase(), f.capability.toLowerCase()],
    });
  }
  if (f.deadlineFrom) where.push({ sql: `${DEADLINE} >= ?`, params: [new Date(f.deadlineFrom).toISOString()] });
  if (f.deadlineTo) where.push({ sql: `${DEADLINE} <= ?`, params: [new Date(f.deadlineTo).toISOString()] });
  const byDeadline = f.sort === 'deadline';
  // Keyset paging on (sort key, id): stable under inserts, no OFFSET scans.
  const key = byDeadline ? DEADLINE : 'listed_at';
  if (f.cursor) {
    const [k, id] = decodeCursor(f.cursor);
    where.push(byDeadline ? { sql: `(${key} > ? OR (${key} = ? AND demand_id > ?))`, params: [k, k, id] } : { sql: `(${key} < ? OR (${key} = ? AND demand_id < ?))`, params: [k, k, id] });
  }
  const order = byDeadline ? `${key} ASC, demand_id ASC` : `${key} DESC, demand_id DESC`;
  const rows = db
    .prepare<unknown[], CatalogueRow>(`SELECT * FROM demand_catalogue WHERE ${where.map((w) => w.sql).join(' AND ')} ORDER BY ${order} LIMIT ?`)
    .all(...where.flatMap((w) => w.params), f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const cursorOf = (r: CatalogueRow) => encodeCursor(byDeadline ? (JSON.parse(r.content) as DemandContent).deadline : r.listed_at, r.demand_id);
  return { items: page.map((r) => toSummary(r, viewer)), ...(rows.length > f.limit && last ? { nextCursor: cursorOf(last) } : {}) };
}

function toSummary(r: CatalogueRow, viewer: Actor): DemandSummary {
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
