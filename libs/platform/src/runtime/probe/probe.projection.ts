import type Database from 'better-sqlite3';
import type { SqlProjection } from '@hope/eventstore';

/** Every probe this service received, newest first: the SREs' list behind GET /ops/probes. */
export const probeReceiptsProjection: SqlProjection = {
  name: 'probe-receipts',
  version: 1,
  schema: `CREATE TABLE IF NOT EXISTS probe_receipts (
    probe_id TEXT NOT NULL,
    source_event_id TEXT NOT NULL,
    from_service TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (probe_id, source_event_id)
  );
  CREATE INDEX IF NOT EXISTS probe_receipts_by_time ON probe_receipts (received_at DESC);`,
  tables: ['probe_receipts'],
  filter: { eventTypes: ['ProbeReceived'] },
  apply(db, e) {
    const d = e.data as { probeId: string; from: string; receivedAt: string; sourceEventId: string };
    db.prepare('INSERT INTO probe_receipts (probe_id, source_event_id, from_service, received_at) VALUES (?, ?, ?, ?)').run(d.probeId, d.sourceEventId, d.from, d.receivedAt);
  },
};

export interface ProbeReceipt {
  readonly probeId: string;
  readonly from: string;
  readonly receivedAt: string;
}

/** The query port of the probe-receipts read model. */
export abstract class ProbeReceipts {
  abstract latest(limit: number): ProbeReceipt[];
}

export class SqliteProbeReceipts extends ProbeReceipts {
  constructor(private readonly db: Database.Database) {
    super();
  }

  latest(limit: number): ProbeReceipt[] {
    return this.db
      .prepare('SELECT probe_id AS probeId, from_service AS "from", received_at AS receivedAt FROM probe_receipts ORDER BY received_at DESC LIMIT ?')
      .all(limit) as ProbeReceipt[];
  }
}
