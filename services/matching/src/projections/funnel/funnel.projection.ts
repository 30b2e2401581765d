import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { FunnelEvent } from '../../domain/funnel/funnel.decide';
import { MATCHES_EVENT_TYPES, type MatchesEvent } from '../../domain/matches/matches.decide';

/**
 * The funnel per demand and expert (matched -> invited -> viewed -> submitted -> shortlisted ->
 * adopted: the first time of each), and per expert the counts the ranking's track record and
 * responsiveness factors use. `seq` on the per-expert row lets the matching index pull only changes.
 */
export const funnelProjection: SqlProjection = {
  name: 'funnel',
  version: 1,
  schema: `
    CREATE TABLE IF NOT EXISTS funnel_steps (
      demand_id TEXT NOT NULL,
      expert_id TEXT NOT NULL,
      rank INTEGER,
      matched_at TEXT, invited_at TEXT, viewed_at TEXT, submitted_at TEXT, shortlisted_at TEXT, adopted_at TEXT,
      PRIMARY KEY (demand_id, expert_id)
    );
    CREATE INDEX IF NOT EXISTS funnel_steps_expert ON funnel_steps (expert_id, demand_id);
    CREATE TABLE IF NOT EXISTS funnel_experts (
      expert_id TEXT PRIMARY KEY,
      invited INTEGER NOT NULL, responded INTEGER NOT NULL, shortlisted INTEGER NOT NULL, adopted INTEGER NOT NULL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS funnel_experts_seq ON funnel_experts (seq);
  `,
  tables: ['funnel_steps', 'funnel_experts'],
  filter: { eventTypes: [...MATCHES_EVENT_TYPES, 'FunnelStepRecorded'] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as MatchesEvent | FunnelEvent;
    const seq = Number(e.position.commit);
    // The first time counts: COALESCE keeps an earlier value (a re-ranking does not move matched_at).
    const reach = (demandId: string, expertId: string, column: string, at: string) => {
      db.prepare(`INSERT INTO funnel_steps (demand_id, expert_id, ${column}) VALUES (?, ?, ?) ON CONFLICT (demand_id, expert_id) DO UPDATE SET ${column} = COALESCE(${column}, excluded.${column})`).run(
        demandId,
        expertId,
        at,
      );
      db.prepare(
        `INSERT OR REPLACE INTO funnel_experts (expert_id, invited, responded, shortlisted, adopted, seq)
         SELECT ?, count(invited_at), count(CASE WHEN invited_at IS NOT NULL AND (viewed_at IS NOT NULL OR submitted_at IS NOT NULL) THEN 1 END),
                count(shortlisted_at), count(adopted_at), ? FROM funnel_steps WHERE expert_id = ?`,
      ).run(expertId, seq, expertId);
    };
    switch (event.type) {
      case 'ExpertsMatched':
        for (const m of event.data.matches) {
          reach(event.data.demandId, m.expertId, 'matched_at', event.data.matchedAt);
          db.prepare('UPDATE funnel_steps SET rank = ? WHERE demand_id = ? AND expert_id = ?').run(m.rank, event.data.demandId, m.expertId);
        }
        return;
      case 'MatchedExpertsInvited':
        for (const id of event.data.expertIds) reach(event.data.demandId, id, 'invited_at', event.data.invitedAt);
        return;
      case 'FunnelStepRecorded':
        reach(event.data.demandId, event.data.expertId, `${event.data.step}_at`, event.data.at);
        return;
    }
  },
};
