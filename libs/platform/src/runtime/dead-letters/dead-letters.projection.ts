import type Database from 'better-sqlite3';
import type { SqlProjection } from '@hope/eventstore';
import type { DeadLetterEvent } from './dead-letter.aggregate';

/** The service's dead letters, newest first, with their replay state: what GET /ops/dead-letters lists. */
export const deadLettersProjection: SqlProjection = {
  name: 'dead-letters',
  version: 1,
  schema: `CREATE TABLE IF NOT EXISTS dead_letters (
    letter_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    topic TEXT NOT NULL,
    event_id TEXT,
    event_type TEXT,
    error TEXT NOT NULL,
    kind TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    status TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    replayed_at TEXT,
    last_replay_error TEXT
  );
  CREATE INDEX IF NOT EXISTS dead_letters_by_status ON dead_letters (status, seq DESC);`,
  tables: ['dead_letters'],
  filter: { eventTypes: ['DeadLetterRecorded', 'DeadLetterReplayed', 'DeadLetterReplayFailed'] },
  apply(db, recorded) {
    const e = { type: recorded.type, data: recorded.data } as DeadLetterEvent;
    switch (e.type) {
      case 'DeadLetterRecorded': {
        const d = e.data;
        db.prepare(
          `INSERT OR IGNORE INTO dead_letters (letter_id, seq, topic, event_id, event_type, error, kind, attempts, status, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
        ).run(d.letterId, Number(recorded.position.commit), d.topic, d.eventId ?? null, d.eventType ?? null, d.error, d.kind, d.attempts, d.recordedAt);
        break;
      }
      case 'DeadLetterReplayed':
        db.prepare(`UPDATE dead_letters SET status = 'replayed', replayed_at = ? WHERE letter_id = ?`).run(e.data.replayedAt, e.data.letterId);
        break;
      case 'DeadLetterReplayFailed':
        db.prepare('UPDATE dead_letters SET last_replay_error = ? WHERE letter_id = ?').run(e.data.error, e.data.letterId);
        break;
    }
  },
};

export interface DeadLetterRow {
  readonly letterId: string;
  readonly topic: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly error: string;
  readonly kind: string;
  readonly attempts: number;
  readonly status: 'open' | 'replayed';
  readonly recordedAt: string;
  readonly replayedAt?: string;
  readonly lastReplayError?: string;
}

/** The query port of the dead-letters read model. */
export abstract class DeadLetterQueries {
  abstract list(filter: { status?: 'open' | 'replayed'; limit: number; before?: number }): { items: DeadLetterRow[]; next?: number };
}

export class SqliteDeadLetterQueries extends DeadLetterQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  list(filter: { status?: 'open' | 'replayed'; limit: number; before?: number }): { items: DeadLetterRow[]; next?: number } {
    const rows = this.db
      .prepare(
        `SELECT * FROM dead_letters WHERE (@status IS NULL OR status = @status) AND (@before IS NULL OR seq < @before)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ status: filter.status ?? null, before: filter.before ?? null, limit: filter.limit + 1 }) as Record<string, string | number | null>[];
    const items = rows.slice(0, filter.limit).map(toRow);
    const last = rows[filter.limit - 1];
    return rows.length > filter.limit && last ? { items, next: Number(last.seq) } : { items };
  }
}

const toRow = (r: Record<string, string | number | null>): DeadLetterRow => ({
  letterId: String(r.letter_id),
  topic: String(r.topic),
  ...(r.event_id !== null ? { eventId: String(r.event_id) } : {}),
  ...(r.event_type !== null ? { eventType: String(r.event_type) } : {}),
  error: String(r.error),
  kind: String(r.kind),
  attempts: Number(r.attempts),
  status: r.status === 'replayed' ? 'replayed' : 'open',
  recordedAt: String(r.recorded_at),
  ...(r.replayed_at !== null ? { replayedAt: String(r.replayed_at) } : {}),
  ...(r.last_replay_error !== null ? { lastReplayError: String(r.last_replay_error) } : {}),
});
