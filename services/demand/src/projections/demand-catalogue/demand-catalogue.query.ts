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

const encodeCursor = (row: CatalogueRow) => Buffer.from(JSON.stringify([row.listed_at, row.demand_id])).toString('base64url');

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
  if (f.cursor) {
    const [listedAt, id] = decodeCursor(f.cursor);
    where.push({ sql: '(listed_at < ? OR (listed_at = ? AND demand_id < ?))', params: [listedAt, listedAt, id] });
  }
  const rows = db
    .prepare<unknown[], CatalogueRow>(`SELECT * FROM demand_catalogue WHERE ${where.map((w) => w.sql).join(' AND ')} ORDER BY listed_at DESC, demand_id DESC LIMIT ?`)
    .all(...where.flatMap((w) => w.params), f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => toSummary(r, viewer)), ...(rows.length > f.limit && last ? { nextCursor: encodeCursor(last) } : {}) };
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
