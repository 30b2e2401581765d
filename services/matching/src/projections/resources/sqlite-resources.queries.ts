import type Database from 'better-sqlite3';
import type { IpStatus, ResourceKind } from '../../domain/resources/resource';
import { ResourceQueries, type EnquiryView, type ResourceSearch, type ResourceView } from './resources.queries';

interface ResourceRow {
  resource_id: string;
  owner_organisation_id: string;
  kind: string;
  title: string;
  description: string;
  capabilities: string;
  trl: number;
  ip_status: string;
  region: string;
  status: string;
  external_key: string | null;
  registered_at: string;
  updated_at: string;
  seq: number;
}

const toView = (r: ResourceRow): ResourceView => ({
  resourceId: r.resource_id,
  ownerOrganisationId: r.owner_organisation_id,
  kind: r.kind as ResourceKind,
  title: JSON.parse(r.title) as ResourceView['title'],
  description: JSON.parse(r.description) as ResourceView['description'],
  capabilities: JSON.parse(r.capabilities) as string[],
  trl: r.trl,
  ipStatus: r.ip_status as IpStatus,
  region: r.region,
  status: r.status as ResourceView['status'],
  ...(r.external_key !== null ? { externalKey: r.external_key } : {}),
  registeredAt: r.registered_at,
  updatedAt: r.updated_at,
});

export class SqliteResourceQueries extends ResourceQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  resource(resourceId: string): ResourceView | undefined {
    const row = this.db.prepare<[string], ResourceRow>('SELECT * FROM resources WHERE resource_id = ?').get(resourceId);
    return row ? toView(row) : undefined;
  }

  resources(resourceIds: readonly string[]): Map<string, ResourceView> {
    if (resourceIds.length === 0) return new Map();
    const rows = this.db.prepare<[string], ResourceRow>('SELECT r.* FROM json_each(?) j JOIN resources r ON r.resource_id = j.value').all(JSON.stringify(resourceIds));
    return new Map(rows.map((r) => [r.resource_id, toView(r)]));
  }

  search(s: ResourceSearch): { items: ResourceView[]; nextCursor?: string } {
    const where: string[] = ['status = @status'];
    const params: Record<string, string | number> = { limit: s.limit + 1, status: s.status ?? 'active' };
    const filter = (sql: string, name: string, value: string | number | undefined) => {
      if (value === undefined || value === '') return;
      where.push(sql);
      params[name] = value;
    };
    filter('owner_organisation_id = @owner', 'owner', s.ownerOrganisationId);
    filter('kind = @kind', 'kind', s.kind);
    filter('region = @region', 'region', s.region);
    filter('trl >= @minTrl', 'minTrl', s.minTrl);
    filter('resource_id > @cursor', 'cursor', s.cursor);
    filter('instr(lower(title || description || capabilities), lower(@q)) > 0', 'q', s.q);
    const rows = this.db.prepare<Record<string, string | number>, ResourceRow>(`SELECT * FROM resources WHERE ${where.join(' AND ')} ORDER BY resource_id LIMIT @limit`).all(params);
    const items = rows.slice(0, s.limit).map(toView);
    return rows.length > s.limit ? { items, nextCursor: items[items.length - 1]!.resourceId } : { items };
  }

  enquiries(resourceId: string): EnquiryView[] {
    type Row = { enquiry_id: string; resource_id: string; from_subject: string; from_role: string; from_organisation_id: string | null; message: string; sent_at: string };
    return this.db
      .prepare<[string], Row>('SELECT * FROM resource_enquiries WHERE resource_id = ? ORDER BY sent_at, enquiry_id')
      .all(resourceId)
      .map((r) => ({
        enquiryId: r.enquiry_id,
        resourceId: r.resource_id,
        from: { subject: r.from_subject, role: r.from_role, ...(r.from_organisation_id !== null ? { organisationId: r.from_organisation_id } : {}) },
        message: r.message,
        sentAt: r.sent_at,
      }));
  }

  changedSince(seq: number, limit: number): { resources: ResourceView[]; seq: number } {
    const rows = this.db.prepare<[number, number], ResourceRow>('SELECT * FROM resources WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit);
    return { resources: rows.map(toView), seq: rows.length > 0 ? rows[rows.length - 1]!.seq : seq };
  }

  maxSeq(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM resources').get()!.seq ?? 0;
  }
}
