import type Database from 'better-sqlite3';
import type { Profile } from '../../domain/expert/profile';
import type { Tier } from '../../domain/expert/expert.events';
import type { CertificationStatus } from '../../domain/expert/expert.state';

export interface ExpertView {
  expertId: string;
  tier: Tier;
  certification: { status: CertificationStatus; refusedReason?: string };
  profile: Profile;
  inviterId?: string;
  joinedAt: string;
  updatedAt: string;
}

interface ExpertRow {
  expert_id: string;
  tier: Tier;
  certification: CertificationStatus;
  refused_reason: string | null;
  profile: string;
  inviter_id: string | null;
  joined_at: string;
  updated_at: string;
}

const toView = (r: ExpertRow): ExpertView => ({
  expertId: r.expert_id,
  tier: r.tier,
  certification: { status: r.certification, ...(r.refused_reason !== null ? { refusedReason: r.refused_reason } : {}) },
  profile: JSON.parse(r.profile) as Profile,
  ...(r.inviter_id !== null ? { inviterId: r.inviter_id } : {}),
  joinedAt: r.joined_at,
  updatedAt: r.updated_at,
});

export interface ExpertSearch {
  q?: string;
  domain?: string;
  skill?: string;
  tier?: Tier;
  region?: string;
  cursor?: string;
  limit: number;
}

/** Queries over the registry read model; paging is by expert id (a cursor, stable under inserts). */
export class RegistryQueries {
  constructor(private readonly db: Database.Database) {}

  expert(expertId: string): ExpertView | undefined {
    const row = this.db.prepare<[string], ExpertRow>('SELECT * FROM registry_experts WHERE expert_id = ?').get(expertId);
    return row ? toView(row) : undefined;
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
    // json_each keeps the match exact (a domain "ai" must not match "repair").
    filter(`EXISTS (SELECT 1 FROM json_each(profile, '$.domains') WHERE lower(value) = lower(@domain))`, 'domain', s.domain);
    filter(`EXISTS (SELECT 1 FROM json_each(profile, '$.skills') WHERE lower(json_extract(value, '$.name')) = lower(@skill))`, 'skill', s.skill);
    filter('instr(lower(profile), lower(@q)) > 0', 'q', s.q);
    const rows = this.db
      .prepare<Record<string, string | number>, ExpertRow>(`SELECT * FROM registry_experts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY expert_id LIMIT @limit`)
      .all(params);
    const items = rows.slice(0, s.limit).map(toView);
    return rows.length > s.limit ? { items, nextCursor: items[items.length - 1]!.expertId } : { items };
  }

  /** Experts whose row changed after `seq` (all with 0), in change order: feeds the matching index. */
  changedSince(seq: number): { experts: ExpertView[]; seq: number } {
    const rows = this.db.prepare<[number], ExpertRow & { seq: number }>('SELECT * FROM registry_experts WHERE seq > ? ORDER BY seq').all(seq);
    return { experts: rows.map(toView), seq: rows.length > 0 ? rows[rows.length - 1]!.seq : seq };
  }

  maxSeq(): number {
    return this.db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM registry_experts').get()!.seq ?? 0;
  }

  /** Invitations of one inviter accepted at or after `since`: the burst guard's input. */
  acceptsSince(inviterId: string, since: string): number {
    return this.db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM registry_invitations WHERE inviter_id = ? AND accepted_at >= ?').get(inviterId, since)!.n;
  }

  invitation(invitationId: string) {
    return this.db
      .prepare<[string], { invitation_id: string; inviter_id: string; invitee_id: string | null; status: string; fraud: string | null; sent_at: string; accepted_at: string | null }>(
        'SELECT * FROM registry_invitations WHERE invitation_id = ?',
      )
      .get(invitationId);
  }
}
