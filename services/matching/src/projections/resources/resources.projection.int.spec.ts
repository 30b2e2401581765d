import { projectionSpec } from '@hope/eventstore/testing';
import { resourcesProjection } from './resources.projection';
import { SqliteResourceQueries } from './sqlite-resources.queries';

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00.000Z`;
const acme = { subject: 'alice', role: 'enterprise', organisationId: 'acme' };
const base = { kind: 'patent', description: { en: 'Scroll compressor, damped discharge' }, capabilities: ['noise reduction'], trl: 6, ipStatus: 'granted', region: 'CN-37' };
const given = [
  { stream: 'resource-r1', type: 'ResourceRegistered', data: { resourceId: 'r1', ownerOrganisationId: 'acme', ...base, title: { zh: '低噪音压缩机' }, registeredBy: acme, registeredAt: at(0) } },
  { stream: 'resource-r2', type: 'ResourceRegistered', data: { resourceId: 'r2', ownerOrganisationId: 'acme', ...base, kind: 'lab', title: { en: 'Acoustics lab' }, externalKey: 'LAB-7', trl: 4, registeredBy: acme, registeredAt: at(1) } },
  { stream: 'resource-r3', type: 'ResourceRegistered', data: { resourceId: 'r3', ownerOrganisationId: 'globex', ...base, title: { en: 'Heat exchanger supplier' }, kind: 'supplier', registeredBy: acme, registeredAt: at(2) } },
  { stream: 'resource-r1', type: 'ResourceRevised', data: { resourceId: 'r1', ...base, title: { zh: '低噪音压缩机', en: 'Quiet compressor' }, trl: 7, revisedBy: acme, revisedAt: at(3) } },
  { stream: 'resource-r3', type: 'ResourceWithdrawn', data: { resourceId: 'r3', withdrawnBy: acme, withdrawnAt: at(4) } },
  { stream: 'resource-r1', type: 'ResourceEnquirySent', data: { resourceId: 'r1', enquiryId: 'q1', ownerOrganisationId: 'acme', from: { subject: 'bob', role: 'enterprise', organisationId: 'globex' }, message: 'Licence?', sentAt: at(5) } },
];

describe('resources projection: given registrations, revisions, a withdrawal and an enquiry, then the resources read model', () => {
  it('keeps the latest fields and status of each resource, with its external key', () =>
    projectionSpec(resourcesProjection, given, (db) => {
      const q = new SqliteResourceQueries(db);
      expect(q.resource('r1')).toEqual({
        resourceId: 'r1',
        ownerOrganisationId: 'acme',
        kind: 'patent',
        title: { zh: '低噪音压缩机', en: 'Quiet compressor' },
        description: { en: 'Scroll compressor, damped discharge' },
        capabilities: ['noise reduction'],
        trl: 7,
        ipStatus: 'granted',
        region: 'CN-37',
        status: 'active',
        registeredAt: at(0),
        updatedAt: at(3),
      });
      expect(q.resource('r2')).toMatchObject({ kind: 'lab', externalKey: 'LAB-7', trl: 4 });
      expect(q.resource('r3')).toMatchObject({ status: 'withdrawn', updatedAt: at(4) });
      expect([...q.resources(['r3', 'r1', 'nope']).keys()].sort()).toEqual(['r1', 'r3']);
    }));

  it('lists active resources by owner, kind, TRL and text with a cursor; withdrawn ones only when asked', () =>
    projectionSpec(resourcesProjection, given, (db) => {
      const q = new SqliteResourceQueries(db);
      const first = q.search({ limit: 1 });
      expect(first.items.map((r) => r.resourceId)).toEqual(['r1']);
      expect(q.search({ limit: 1, cursor: first.nextCursor! })).toMatchObject({ items: [{ resourceId: 'r2' }] });
      expect(q.search({ limit: 10, cursor: 'r2' }).items).toEqual([]);
      expect(q.search({ limit: 10, minTrl: 5 }).items.map((r) => r.resourceId)).toEqual(['r1']);
      expect(q.search({ limit: 10, kind: 'lab' }).items.map((r) => r.resourceId)).toEqual(['r2']);
      expect(q.search({ limit: 10, q: 'QUIET' }).items.map((r) => r.resourceId)).toEqual(['r1']);
      expect(q.search({ limit: 10, ownerOrganisationId: 'globex' }).items).toEqual([]);
      expect(q.search({ limit: 10, status: 'withdrawn' }).items.map((r) => r.resourceId)).toEqual(['r3']);
    }));

  it('records enquiries for the owner, and feeds the index in change order', () =>
    projectionSpec(resourcesProjection, given, (db) => {
      const q = new SqliteResourceQueries(db);
      expect(q.enquiries('r1')).toEqual([{ enquiryId: 'q1', resourceId: 'r1', from: { subject: 'bob', role: 'enterprise', organisationId: 'globex' }, message: 'Licence?', sentAt: at(5) }]);
      const all = q.changedSince(0, 10);
      expect(all.resources.map((r) => r.resourceId)).toEqual(['r2', 'r1', 'r3']);
      expect(all.seq).toBe(q.maxSeq());
      const firstTwo = q.changedSince(0, 2);
      expect(q.changedSince(firstTwo.seq, 10).resources.map((r) => r.resourceId)).toEqual(['r3']);
    }));
});
