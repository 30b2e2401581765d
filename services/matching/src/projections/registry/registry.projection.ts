import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { EXPERT_EVENT_TYPES, type ExpertEvent } from '../../domain/expert/expert.events';
import { INVITATION_EVENT_TYPES, type InvitationEvent } from '../../domain/invitation/invitation.events';
import { currentOrganisations, type Profile } from '../../domain/expert/profile';

/**
 * The expert registry read model: one row per expert (profile as JSON plus the columns searches filter
 * on) and one per invitation. Every value comes from the event, never from the clock, so a rebuild
 * gives the same rows.
 */
export const registryProjection: SqlProjection = {
  name: 'registry',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS registry_experts (
      expert_id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      tier TEXT NOT NULL,
      certification TEXT NOT NULL,
      refused_reason TEXT,
      organisations TEXT NOT NULL,
      region TEXT,
      availability TEXT,
      profile TEXT NOT NULL,
      inviter_id TEXT,
      invitation_id TEXT,
      joined_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      -- commit position of the last event applied to the row: the matching index pulls rows changed since it last looked
      seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS registry_experts_seq ON registry_experts (seq);
    CREATE INDEX IF NOT EXISTS registry_experts_tier ON registry_experts (tier, expert_id);
    CREATE TABLE IF NOT EXISTS registry_invitations (
      invitation_id TEXT PRIMARY KEY,
      inviter_id TEXT NOT NULL,
      invitee_id TEXT,
      status TEXT NOT NULL,
      fraud TEXT,
      sent_at TEXT NOT NULL,
      accepted_at TEXT
    );
    CREATE INDEX IF NOT EXISTS registry_invitations_inviter ON registry_invitations (inviter_id, accepted_at);
  `,
  tables: ['registry_experts', 'registry_invitations'],
  filter: { eventTypes: [...EXPERT_EVENT_TYPES, ...INVITATION_EVENT_TYPES] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as ExpertEvent | InvitationEvent;
    // Positions in this service's store stay far below 2^53; a number keeps the column an INTEGER.
    const seq = Number(e.position.commit);
    const setExpert = (expertId: string, columns: Record<string, string | null>, at: string) => {
      const names = Object.keys(columns);
      db.prepare(`UPDATE registry_experts SET ${names.map((n) => `${n} = @${n}`).join(', ')}, updated_at = @at, seq = @seq WHERE expert_id = @expertId`).run({ ...columns, at, seq, expertId });
    };
    switch (event.type) {
      case 'ExpertJoined': {
        const d = event.data;
        db.prepare(
          `INSERT OR REPLACE INTO registry_experts (expert_id, name, tier, certification, organisations, region, availability, profile, inviter_id, invitation_id, joined_at, updated_at, seq)
           VALUES (?, ?, 'interest', 'none', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(d.expertId, d.profile.name, JSON.stringify(currentOrganisations(d.profile)), d.profile.region ?? null, d.profile.availability ?? null, JSON.stringify(d.profile), d.inviterId ?? null, d.invitationId ?? null, d.joinedAt, d.joinedAt, seq);
        return;
      }
      case 'ExpertProfileUpdated': {
        const row = db.prepare<[string], { profile: string }>('SELECT profile FROM registry_experts WHERE expert_id = ?').get(event.data.expertId);
        if (!row) return;
        const profile: Profile = { ...(JSON.parse(row.profile) as Profile), ...event.data.changes };
        setExpert(
          event.data.expertId,
          { profile: JSON.stringify(profile), name: profile.name, organisations: JSON.stringify(currentOrganisations(profile)), region: profile.region ?? null, availability: profile.availability ?? null },
          event.data.updatedAt,
        );
        return;
      }
      case 'ExpertPromotedToCore':
        return setExpert(event.data.expertId, { tier: 'core' }, event.data.promotedAt);
      case 'CertificationApplied':
        return setExpert(event.data.expertId, { certification: 'applied', refused_reason: null }, event.data.appliedAt);
      case 'CertificationReviewStarted':
        return setExpert(event.data.expertId, { certification: 'in-review' }, event.data.startedAt);
      case 'ExpertCertified':
        return setExpert(event.data.expertId, { tier: 'certified', certification: 'certified' }, event.data.certifiedAt);
      case 'CertificationRefused':
        return setExpert(event.data.expertId, { certification: 'refused', refused_reason: event.data.reason }, event.data.refusedAt);
      case 'InvitationSent':
        db.prepare(`INSERT OR REPLACE INTO registry_invitations (invitation_id, inviter_id, status, sent_at) VALUES (?, ?, 'sent', ?)`).run(event.data.invitationId, event.data.inviterId, event.data.sentAt);
        return;
      case 'InvitationAccepted':
        db.prepare(`UPDATE registry_invitations SET status = 'accepted', invitee_id = ?, accepted_at = ? WHERE invitation_id = ?`).run(event.data.inviteeId, event.data.acceptedAt, event.data.invitationId);
        return;
      case 'InvitationFraudDetected':
        db.prepare(`UPDATE registry_invitations SET fraud = ?, invitee_id = ? WHERE invitation_id = ?`).run(event.data.pattern, event.data.inviteeId, event.data.invitationId);
        return;
    }
  },
};
