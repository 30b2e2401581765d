import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { EXPERT_EVENT_TYPES, type StoredExpertEvent } from '../../domain/expert/expert.events';
import { INVITATION_EVENT_TYPES, type InvitationEvent } from '../../domain/invitation/invitation.events';
import type { Sealed } from '../../domain/expert/personal-data';
import type { EmployerRestriction } from '../../domain/compliance/compliance';

/**
 * The expert registry read model: one row per expert and one per invitation. The row keeps the
 * readable part of the profile as JSON and the personal part still sealed (`personal`: the sealed
 * changes in order), opened at read time with the expert's key: the projection never holds personal
 * data in clear, so deleting the key erases it here too, also after a rebuild. `ExpertForgotten` blanks
 * the row. Every value comes from the event, never from the clock or the key store, so a rebuild gives
 * the same rows.
 */
/** Each event runs one of a few statements: compiled once per database, not per event (a bulk import applies thousands). */
const compiled = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const statementsOf = (db: Database.Database): Map<string, Database.Statement> => {
  let statements = compiled.get(db);
  if (statements === undefined) compiled.set(db, (statements = new Map()));
  return statements;
};

export const registryProjection: SqlProjection = {
  name: 'registry',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS registry_experts (
      expert_id TEXT PRIMARY KEY,
      tier TEXT NOT NULL,
      certification TEXT NOT NULL,
      refused_reason TEXT,
      region TEXT,
      availability TEXT,
      profile TEXT NOT NULL,
      personal TEXT NOT NULL,
      erased INTEGER NOT NULL DEFAULT 0,
      terms_version TEXT,
      terms_accepted_at TEXT,
      restrictions TEXT NOT NULL DEFAULT '[]',
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
    const statements = statementsOf(db);
    const prepare = <R = unknown>(sql: string): Database.Statement<unknown[], R> => {
      let stmt = statements.get(sql);
      if (stmt === undefined) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt as Database.Statement<unknown[], R>;
    };
    const event = { type: e.type, data: e.data } as StoredExpertEvent | InvitationEvent;
    // Positions in this service's store stay far below 2^53; a number keeps the column an INTEGER.
    const seq = Number(e.position.commit);
    const setExpert = (expertId: string, columns: Record<string, string | number | null>, at: string) => {
      const names = Object.keys(columns);
      prepare(`UPDATE registry_experts SET ${names.map((n) => `${n} = @${n}`).join(', ')}, updated_at = @at, seq = @seq WHERE expert_id = @expertId AND erased = 0`).run({ ...columns, at, seq, expertId });
    };
    const row = (expertId: string) =>
      prepare<{ profile: string; personal: string; restrictions: string }>('SELECT profile, personal, restrictions FROM registry_experts WHERE expert_id = ? AND erased = 0').get(expertId);
    switch (event.type) {
      case 'ExpertJoined': {
        const d = event.data;
        prepare(
          `INSERT OR REPLACE INTO registry_experts (expert_id, tier, certification, region, availability, profile, personal, inviter_id, invitation_id, joined_at, updated_at, seq)
           VALUES (?, 'interest', 'none', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(d.expertId, d.profile.region ?? null, d.profile.availability ?? null, JSON.stringify(d.profile), JSON.stringify(d.personal ? [d.personal] : []), d.inviterId ?? null, d.invitationId ?? null, d.joinedAt, d.joinedAt, seq);
        return;
      }
      case 'ExpertProfileUpdated': {
        const current = row(event.data.expertId);
        if (!current) return;
        const profile = { ...(JSON.parse(current.profile) as Record<string, unknown>), ...event.data.changes };
        const personal = [...(JSON.parse(current.personal) as Sealed[]), ...(event.data.personal ? [event.data.personal] : [])];
        setExpert(
          event.data.expertId,
          { profile: JSON.stringify(profile), personal: JSON.stringify(personal), region: (profile.region as string | undefined) ?? null, availability: (profile.availability as string | undefined) ?? null },
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
      case 'TermsAccepted':
        return setExpert(event.data.expertId, { terms_version: event.data.version, terms_accepted_at: event.data.acceptedAt }, event.data.acceptedAt);
      case 'EmployerRestrictionRecorded':
      case 'EmployerRestrictionLifted': {
        const current = row(event.data.expertId);
        if (!current) return;
        const kept = (JSON.parse(current.restrictions) as EmployerRestriction[]).filter(
          (r) => r.restrictionId !== (event.type === 'EmployerRestrictionRecorded' ? event.data.restriction.restrictionId : event.data.restrictionId),
        );
        const restrictions = event.type === 'EmployerRestrictionRecorded' ? [...kept, event.data.restriction] : kept;
        return setExpert(event.data.expertId, { restrictions: JSON.stringify(restrictions) }, event.type === 'EmployerRestrictionRecorded' ? event.data.recordedAt : event.data.liftedAt);
      }
      case 'ExpertForgotten':
        // Blank everything but the id and the dates: the row says "erased", and the index drops the expert.
        return setExpert(
          event.data.expertId,
          { erased: 1, profile: '{}', personal: '[]', region: null, availability: null, restrictions: '[]', terms_version: null, terms_accepted_at: null, refused_reason: null, inviter_id: null, invitation_id: null },
          event.data.forgottenAt,
        );
      case 'InvitationSent':
        prepare(`INSERT OR REPLACE INTO registry_invitations (invitation_id, inviter_id, status, sent_at) VALUES (?, ?, 'sent', ?)`).run(event.data.invitationId, event.data.inviterId, event.data.sentAt);
        return;
      case 'InvitationAccepted':
        prepare(`UPDATE registry_invitations SET status = 'accepted', invitee_id = ?, accepted_at = ? WHERE invitation_id = ?`).run(event.data.inviteeId, event.data.acceptedAt, event.data.invitationId);
        return;
      case 'InvitationFraudDetected':
        prepare(`UPDATE registry_invitations SET fraud = ?, invitee_id = ? WHERE invitation_id = ?`).run(event.data.pattern, event.data.inviteeId, event.data.invitationId);
        return;
    }
  },
};
