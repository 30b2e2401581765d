import type Database from 'better-sqlite3';
import type { RecordedEvent, SqlProjection } from '@hope/eventstore';
import { ACCOUNT_STREAM_PREFIX } from '../../domain/account/account.events';
import { prepared } from '../prepared';
import { foldEvent, START, type Checkpoint } from '../../domain/account/account.checkpoint';
import { ACCOUNT_FOLD_VERSION, CHECKPOINT_EVERY, encodeDelta, mergeDeltas, type StoredDelta } from './checkpoint-deltas';

export const AS_OF_TABLES = { checkpoints: 'points_as_of_checkpoints', tail: 'points_as_of_tail' } as const;

/**
 * As-of checkpoints that survive a restart: the fold of each account's stream (balance and account
 * state) every CHECKPOINT_EVERY events, stored as deltas (`checkpoint-deltas.ts`), written in the
 * runner's batch transaction with the projection's checkpoint, so a row never folds an event the
 * checkpoint has not passed, and a crash loses both or neither. `?asOf=` starts from the last one
 * recorded before its instant (`account-as-of.ts`).
 *
 * To fold the next events the projection needs the state at the account's last revision (its tip):
 * kept in memory for recently active accounts, otherwise rebuilt from the last checkpoint and the
 * tail table, which holds the events since that checkpoint (at most `every` - 1 per account;
 * cleared when a checkpoint is written). A tip is a fact of the stream (the fold of revisions
 * 0..n), so a remembered one stays true across rolled-back batches and rebuilds; one is used only
 * when its revision is the one just before the next event, otherwise it is rebuilt from the tables.
 */
export const asOfCheckpointsProjection: SqlProjection = asOfCheckpoints(CHECKPOINT_EVERY);

/**
 * The projection with a checkpoint every `every` events (tests use small numbers). Each stored delta is
 * relative to the account's previous row, whatever the spacing, so changing it invalidates nothing.
 */
export function asOfCheckpoints(every: number): SqlProjection {
  return {
    name: 'points_as_of',
    // The fold's shape is the projection's meaning: a new shape clears and refolds the checkpoints.
    version: ACCOUNT_FOLD_VERSION,
    schema: `
      CREATE TABLE IF NOT EXISTS points_as_of_checkpoints (
        expert_id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL, recorded_until INTEGER NOT NULL,
        fold_version INTEGER NOT NULL, state TEXT NOT NULL, PRIMARY KEY (expert_id, revision)
      );
      CREATE TABLE IF NOT EXISTS points_as_of_tail (
        expert_id TEXT NOT NULL, revision INTEGER NOT NULL, position INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
        type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (expert_id, revision)
      ) WITHOUT ROWID;
    `,
    tables: Object.values(AS_OF_TABLES),
    filter: { streamPrefixes: [ACCOUNT_STREAM_PREFIX] },
    rebuildInBulk: true,
    apply(db: Database.Database, recorded: RecordedEvent): void {
      applyCheckpoints(db, [recorded], every);
    },
    applyBatch(db: Database.Database, events: readonly RecordedEvent[]): void {
      applyCheckpoints(db, events, every);
    },
  };
}

interface Tip {
  /** The account's last checkpoint (START before its first): the base of the next delta. */
  readonly base: Checkpoint;
  /** The fold up to the account's last event seen. */
  readonly tip: Checkpoint;
}

/** Tips of the accounts most recently written, per database (the live file, a bulk-load scratch file). */
const tips = new WeakMap<Database.Database, Map<string, Tip>>();
const TIPS_KEPT = 1_000;

function applyCheckpoints(db: Database.Database, events: readonly RecordedEvent[], every: number): void {
  const byAccount = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const expertId = e.stream.slice(ACCOUNT_STREAM_PREFIX.length);
    let list = byAccount.get(expertId);
    if (!list) byAccount.set(expertId, (list = []));
    list.push(e);
  }
  let kept = tips.get(db);
  if (!kept) tips.set(db, (kept = new Map()));
  const insertTail = prepared(db, 'INSERT INTO points_as_of_tail VALUES (?, ?, ?, ?, ?, ?)');
  const insertCheckpoint = prepared(db, 'INSERT INTO points_as_of_checkpoints VALUES (?, ?, ?, ?, ?, ?)');
  const clearTail = prepared(db, 'DELETE FROM points_as_of_tail WHERE expert_id = ? AND revision <= ?');
  for (const [expertId, list] of byAccount) {
    let { base, tip } = tipBefore(db, kept, expertId, list[0]!.revision);
    for (const e of list) {
      tip = foldEvent(tip, e);
      if ((e.revision + 1) % every === 0) {
        insertCheckpoint.run(expertId, e.revision, e.position.commit, tip.recordedUntil, ACCOUNT_FOLD_VERSION, encodeDelta(tip, base));
        clearTail.run(expertId, e.revision);
        base = tip;
      } else {
        insertTail.run(expertId, e.revision, e.position.commit, e.recordedAt.getTime(), e.type, JSON.stringify(e.data));
      }
    }
    kept.delete(expertId);
    kept.set(expertId, { base, tip });
    if (kept.size > TIPS_KEPT) kept.delete(kept.keys().next().value!);
  }
}

/** The account's fold up to `revision - 1`: remembered, or its stored checkpoints and tail folded. */
function tipBefore(db: Database.Database, kept: Map<string, Tip>, expertId: string, revision: number): Tip {
  const remembered = kept.get(expertId);
  if (remembered && remembered.tip.revision === revision - 1) return remembered;
  const base = mergeDeltas(storedDeltas(db, expertId, Number.MAX_SAFE_INTEGER));
  let tip = base;
  const tail = prepared<[string, number], { revision: number; position: number; recorded_at: number; type: string; data: string }>(
    db,
    'SELECT revision, position, recorded_at, type, data FROM points_as_of_tail WHERE expert_id = ? AND revision > ? ORDER BY revision',
  ).all(expertId, base.revision);
  for (const t of tail) {
    tip = foldEvent(tip, { revision: t.revision, position: { commit: BigInt(t.position) }, recordedAt: new Date(t.recorded_at), type: t.type, data: JSON.parse(t.data) as unknown });
  }
  if (tip.revision !== revision - 1) {
    throw new Error(`as-of checkpoints of ${expertId}: folded up to revision ${tip.revision}, the next event is revision ${revision}`);
  }
  return { base: base.revision < 0 ? START : base, tip };
}

/** The account's stored deltas up to `revision`, oldest first (of this fold version). */
export function storedDeltas(db: Database.Database, expertId: string, revision: number): StoredDelta[] {
  return prepared<[string, number, number], StoredDelta>(
    db,
    'SELECT revision, position, recorded_until AS recordedUntil, state FROM points_as_of_checkpoints WHERE expert_id = ? AND fold_version = ? AND revision <= ? ORDER BY revision',
  ).all(expertId, ACCOUNT_FOLD_VERSION, revision);
}
