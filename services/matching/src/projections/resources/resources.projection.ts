import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { RESOURCE_EVENT_TYPES, type ResourceEvent } from '../../domain/resources/resource.decide';
import type { ResourceFields } from '../../domain/resources/resource';

/**
 * One row per resource (the latest fields and status) and one per enquiry. `seq` (the commit position
 * of the last change) lets the resource index pull only what changed.
 */
export const resourcesProjection: SqlProjection = {
  name: 'resources',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS resources (
      resource_id TEXT PRIMARY KEY,
      owner_organisation_id TEXT NOT NULL,
      kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, capabilities TEXT NOT NULL,
      trl INTEGER NOT NULL, ip_status TEXT NOT NULL, region TEXT NOT NULL,
      status TEXT NOT NULL, external_key TEXT,
      registered_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS resources_owner ON resources (owner_organisation_id, resource_id);
    CREATE INDEX IF NOT EXISTS resources_seq ON resources (seq);
    CREATE TABLE IF NOT EXISTS resource_enquiries (
      enquiry_id TEXT PRIMARY KEY,
      resource_id TEXT NOT NULL,
      from_subject TEXT NOT NULL, from_role TEXT NOT NULL, from_organisation_id TEXT,
      message TEXT NOT NULL, sent_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS resource_enquiries_resource ON resource_enquiries (resource_id, sent_at);
  `,
  tables: ['resources', 'resource_enquiries'],
  filter: { eventTypes: [...RESOURCE_EVENT_TYPES] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as ResourceEvent;
    const seq = Number(e.position.commit);
    const fields = (f: ResourceFields) => ({
      kind: f.kind,
      title: JSON.stringify(f.title),
      description: JSON.stringify(f.description),
      capabilities: JSON.stringify(f.capabilities),
      trl: f.trl,
      ip_status: f.ipStatus,
      region: f.region,
    });
    switch (event.type) {
      case 'ResourceRegistered':
        put(db, {
          resource_id: event.data.resourceId,
          owner_organisation_id: event.data.ownerOrganisationId,
          ...fields(event.data),
          status: 'active',
          external_key: event.data.externalKey ?? null,
          registered_at: event.data.registeredAt,
          updated_at: event.data.registeredAt,
          seq,
        });
        return;
      case 'ResourceRevised':
        db.prepare(
          `UPDATE resources SET kind = @kind, title = @title, description = @description, capabilities = @capabilities, trl = @trl, ip_status = @ip_status,
           region = @region, updated_at = @at, seq = @seq WHERE resource_id = @id`,
        ).run({ ...fields(event.data), at: event.data.revisedAt, seq, id: event.data.resourceId });
        return;
      case 'ResourceWithdrawn':
        db.prepare(`UPDATE resources SET status = 'withdrawn', updated_at = ?, seq = ? WHERE resource_id = ?`).run(event.data.withdrawnAt, seq, event.data.resourceId);
        return;
      case 'ResourceEnquirySent':
        db.prepare('INSERT OR REPLACE INTO resource_enquiries VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          event.data.enquiryId,
          event.data.resourceId,
          event.data.from.subject,
          event.data.from.role,
          event.data.from.organisationId ?? null,
          event.data.message,
          event.data.sentAt,
        );
        return;
    }
  },
};

const put = (db: Database.Database, row: Record<string, string | number | null>) =>
  db
    .prepare(
      `INSERT OR REPLACE INTO resources (resource_id, owner_organisation_id, kind, title, description, capabilities, trl, ip_status, region, status, external_key, registered_at, updated_at, seq)
       VALUES (@resource_id, @owner_organisation_id, @kind, @title, @description, @capabilities, @trl, @ip_status, @region, @status, @external_key, @registered_at, @updated_at, @seq)`,
    )
    .run(row);
