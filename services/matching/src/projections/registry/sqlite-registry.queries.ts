import type Database from 'better-sqlite3';
import type { EmployerRestriction } from '../../domain/compliance/compliance';
import { ERASED_NAME, type Sealed } from '../../domain/expert/personal-data';
import type { Profile } from '../../domain/expert/profile';
import type { CertificationStatus } from '../../domain/expert/expert.state';
import type { Tier } from '../../domain/expert/expert.events';
import { RegistryQueries, type ExpertSearch, type ExpertView, type InvitationView, type OpenPersonal } from './registry.queries';

interface ExpertRow {
  expert_id: string;
  tier: Tier;
  certification: CertificationStatus;
  refused_reason: string | null;
  profile: string;
  personal: string;
  erased: number;
  terms_version: string | null;
  terms_accepted_at: string | null;
  restrictions: string;
  inviter_id: string | null;
  joined_at: string;
  updated_at: string;
}

const toView = (r: ExpertRow, open: OpenPersonal): ExpertView => {
  // No key (forgotten, or the erasure is between deleting the key and recording it): erased either way.
  const personal = r.erased === 1 ? undefined : open(r.expert_id, JSON.parse(r.personal) as Sealed[]);
  const erased = personal === undefined;
  return {
    expertId: r.expert_id,
    erased,
    tier: r.tier,
    certification: { status: r.certification, ...(r.refused_reason !== null ? { refusedReason: r.refused_reason } : {}) },
    profile: erased ? { name: ERASED_NAME } : ({ ...(JSON.parse(r.profile) as object), ...personal } as Profile),
    ...(r.inviter_id !== null && !erased ? { inviterId: r.inviter_id } : {}),
    ...(r.terms_version !== null && r.terms_accepted_at !== null && !erased ? { terms: { version: r.terms_version, acceptedAt: r.terms_accepted_at } } : {}),
    restrictions: erased ? [] : (JSON.parse(r.restrictions) as EmployerRestriction[]),
    joinedAt: r.joined_at,
    updatedAt: r.updated_at,
  };
};

const sealedOnly: OpenPersonal = () => undefined;

/**
 * The registry read model in SQLite. Without an `open` (the cipher), every profile reads as erased:
 * only queries that need no profile use that.
 */
export class SqliteRegistryQueries extends RegistryQueries {
  constructor(
    private readonly db: Database.Database,
    private readonly open: OpenPersonal = sealedOnly,
  ) {
    super();
  }

  expert(expertId: string): ExpertView | undefined {
    const row = this.db.prepare<[string], ExpertRow>('SELECT * FROM registry_experts WHERE expert_id = ?').get(expertId);
    return row ? toView(row, this.open) : undefined;
  }

  search(s: ExpertSearch): { items: ExpertView[]; nextCursor?: string } {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: s.limit + 1 };
    const filter = (sql: string, name: string, value: string | undefined) => {
      if (value === undefined || value === '') return;
      where.push(sql);
      params[name] = value;
    };
    filter('tier = @tier', 'tier', s.tier);
    filter('region = @region', 'region', s.region);
    filter('expert_id > @cursor', 'cursor', s.cursor);
    if (s.ids !== undefined) {
      where.push('expert_id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(s.ids);
    }
    // json_each keeps the match exact (a domain "ai" must not match "repair").
    filter(`EXISTS (SELECT 1 FROM json_each(profile, '$.domains') WHERE lower(value) = lower(@domain))`, 'domain', s.domain);
    filter(`EXISTS (SELECT 1 FROM json_each(profile, '$.skills') WHERE lower(json_extract(value, '$.name')) = lower(@skill))`, 'skill', s.skill);
    // Text search covers the readable part of the profile; sealed fields are not searchable by design.
    filter('instr(lower(profile), lower(@q)) > 0', 'q', s.q);
    const rows = this.db
      .prepare<Record<string, string | number>, ExpertRow>(`SELECT * FROM registry_experts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY expert_id LIMIT @limit`)
      .all(params);
    const items = rows.slice(0, s.limit).map((r) => toView(r, this.open));
    return rows.length > s.limit ? { items, nextCursor: items[items.length - 1]!.expertId } : { items };
  }

  changedSince(seq: number, limit = -1): { experts: ExpertView[]; seq: number } {
    const rows = this.db.prepare<[number, number], ExpertRow & { seq: number }>('SELECT * FROM registry_experts WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, limit);
    return { experts: rows.map((r) => toView(r, this.open)), seq: rows.length > 0 ? rows[rows.length - 1]!.seq : seq };
  }

  maxSeq(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM registry_experts').get()!.seq ?? 0;
  }

  acceptsSince(inviterId: string, since: string): number {
    return this.db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM registry_invitations WHERE inviter_id = ? AND accepted_at >= ?').get(inviterId, since)!.n;
  }

  invitation(invitationId: string): InvitationView | undefined {
    return this.db.prepare<[string], InvitationView>('SELECT * FROM registry_invitations WHERE invitation_id = ?').get(invitationId);
  }
}
