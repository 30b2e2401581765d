import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import type { FunnelEvent } from '../../domain/funnel/funnel.decide';
import { MATCHES_EVENT_TYPES, type MatchesEvent } from '../../domain/matches/matches.decide';
import type { RatingsEvent } from '../../domain/ratings/ratings.decide';

/**
 * The funnel per demand and expert (matched -> invited -> viewed -> submitted -> shortlisted ->
 * adopted: the first time of each), the enterprises' consultation ratings (one row per booking), and
 * per expert the counts the ranking's track record, rating and responsiveness factors use
 * (`expert_track_records`). `seq` on the per-expert row lets the matching index pull only changes.
 * v2 added the ratings (and renamed `funnel_experts`, whose columns changed).
 */
export const funnelProjection: SqlProjection = {
  name: 'funnel',
  version: 2,
  schema: `
    CREATE TABLE IF NOT EXISTS funnel_steps (
      demand_id TEXT NOT NULL,
      expert_id TEXT NOT NULL,
      rank INTEGER,
      matched_at TEXT, invited_at TEXT, viewed_at TEXT, submitted_at TEXT, shortlisted_at TEXT, adopted_at TEXT,
      PRIMARY KEY (demand_id, expert_id)
    );
    CREATE INDEX IF NOT EXISTS funnel_steps_expert ON funnel_steps (expert_id, demand_id);
    CREATE TABLE IF NOT EXISTS funnel_ratings (
      booking_id TEXT PRIMARY KEY,
      expert_id TEXT NOT NULL,
      score INTEGER NOT NULL,
      rated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS funnel_ratings_expert ON funnel_ratings (expert_id);
    CREATE TABLE IF NOT EXISTS expert_track_records (
      expert_id TEXT PRIMARY KEY,
      invited INTEGER NOT NULL, responded INTEGER NOT NULL, shortlisted INTEGER NOT NULL, adopted INTEGER NOT NULL,
      rated INTEGER NOT NULL, rating_sum INTEGER NOT NULL,
      seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS expert_track_records_seq ON expert_track_records (seq);
  `,
  tables: ['funnel_steps', 'funnel_ratings', 'expert_track_records'],
  filter: { eventTypes: [...MATCHES_EVENT_TYPES, 'FunnelStepRecorded', 'ConsultationRatingRecorded'] },
  apply(db: Database.Database, e: RecordedEvent) {
    const event = { type: e.type, data: e.data } as MatchesEvent | FunnelEvent | RatingsEvent;
    const seq = Number(e.position.commit);
    // The per-expert row is recomputed from the rows it sums, never incremented: applying it again gives the same.
    const recount = (expertId: string) =>
      db
        .prepare(
          `INSERT OR REPLACE INTO expert_track_records (expert_id, invited, responded, shortlisted, adopted, rated, rating_sum, seq)
           SELECT ?, count(invited_at), count(CASE WHEN invited_at IS NOT NULL AND (viewed_at IS NOT NULL OR submitted_at IS NOT NULL) THEN 1 END),
                  count(shortlisted_at), count(adopted_at),
                  (SELECT count(*) FROM funnel_ratings WHERE expert_id = ?), (SELECT coalesce(sum(score), 0) FROM funnel_ratings WHERE expert_id = ?), ?
           FROM funnel_steps WHERE expert_id = ?`,
        )
        .run(expertId, expertId, expertId, seq, expertId);
    // The first time counts: COALESCE keeps an earlier value (a re-ranking does not move matched_at).
    const reach = (demandId: string, expertId: string, column: string, at: string) => {
      db.prepare(`INSERT INTO funnel_steps (demand_id, expert_id, ${column}) VALUES (?, ?, ?) ON CONFLICT (demand_id, expert_id) DO UPDATE SET ${column} = COALESCE(${column}, excluded.${column})`).run(
        demandId,
        expertId,
        at,
      );
      recount(expertId);
    };
    switch (event.type) {
      case 'ExpertsMatched':
        for (const m of event.data.matches) {
          reach(event.data.demandId, m.expertId, 'matched_at', event.data.matchedAt);
          // The rank shown per demand is the demand's own; a sub-problem's ranking does not overwrite it.
          if (event.data.subProblemId === undefined) db.prepare('UPDATE funnel_steps SET rank = ? WHERE demand_id = ? AND expert_id = ?').run(m.rank, event.data.demandId, m.expertId);
        }
        return;
      case 'MatchedExpertsInvited':
        for (const id of event.data.expertIds) reach(event.data.demandId, id, 'invited_at', event.data.invitedAt);
        return;
      case 'FunnelStepRecorded':
        reach(event.data.demandId, event.data.expertId, `${event.data.step}_at`, event.data.at);
        return;
      case 'ConsultationRatingRecorded':
        // Keyed by booking: the decider records a booking once, and the key would hold even if it did not.
        db.prepare('INSERT OR IGNORE INTO funnel_ratings (booking_id, expert_id, score, rated_at) VALUES (?, ?, ?, ?)').run(event.data.bookingId, event.data.expertId, event.data.score, event.data.ratedAt);
        recount(event.data.expertId);
        return;
    }
  },
};
