import type Database from 'better-sqlite3';
import { prepared } from '../prepared';
import type { Checkpoint } from '../../domain/account/account.checkpoint';
import { ACCOUNT_FOLD_VERSION, mergeDeltas } from './checkpoint-deltas';
import { storedDeltas } from './as-of-checkpoints.projection';

/** Where a stored checkpoint is, without its state. */
export interface StoredCheckpoint {
  readonly revision: number;
  readonly position: bigint;
  readonly recordedUntil: number;
}

/** The as-of checkpoints the `points_as_of` projection stored (see as-of-checkpoints.projection.ts). */
export abstract class AsOfCheckpointQueries {
  /** The account's last checkpoint all of whose events were recorded before `until` (ms). */
  abstract before(expertId: string, until: number): StoredCheckpoint | undefined;
  /** The account's last checkpoint at or before commit position `position` and revision `revision`. */
  abstract atOrBefore(expertId: string, position: bigint, revision: number): StoredCheckpoint | undefined;
  /** The fold at a stored checkpoint's revision (its deltas merged). */
  abstract load(expertId: string, revision: number): Checkpoint | undefined;
  /**
   * The fold at a stored checkpoint's revision as an as-of answer needs it, read and decoded in a fraction
   * of `load`'s time: the balance, the scalars, the lots and the reservations; the account's decided
   * sources, retractions and adjustments are left empty (after folding on, they hold only what was
   * folded since). `evolve` writes those three tables and never reads them (account.checkpoint.unit.spec.ts
   * holds it to that), and an as-of answer reads none of them, so every answer folded from it is the
   * full fold's. Not a state to decide a command on.
   */
  abstract loadForAsOf(expertId: string, revision: number): Checkpoint | undefined;
}

interface Row {
  revision: number;
  position: number;
  recorded_until: number;
}

const stored = (r: Row | undefined): StoredCheckpoint | undefined => (r ? { revision: r.revision, position: BigInt(r.position), recordedUntil: r.recorded_until } : undefined);

export class SqliteAsOfCheckpointQueries implements AsOfCheckpointQueries {
  constructor(private readonly db: Database.Database) {}

  before(expertId: string, until: number): StoredCheckpoint | undefined {
    // recorded_until only grows with the revision: walking the account's rows from the last, the first match is the one.
    return stored(
      prepared<[string, number, number], Row>(
        this.db,
        'SELECT revision, position, recorded_until FROM points_as_of_checkpoints WHERE expert_id = ? AND fold_version = ? AND recorded_until < ? ORDER BY revision DESC LIMIT 1',
      ).get(expertId, ACCOUNT_FOLD_VERSION, until),
    );
  }

  atOrBefore(expertId: string, position: bigint, revision: number): StoredCheckpoint | undefined {
    return stored(
      prepared<[string, number, bigint, number], Row>(
        this.db,
        'SELECT revision, position, recorded_until FROM points_as_of_checkpoints WHERE expert_id = ? AND fold_version = ? AND position <= ? AND revision <= ? ORDER BY revision DESC LIMIT 1',
      ).get(expertId, ACCOUNT_FOLD_VERSION, position, revision),
    );
  }

  load(expertId: string, revision: number): Checkpoint | undefined {
    // One statement, so one snapshot: a rebuild's clear-and-copy cannot show half of the account's rows.
    const rows = storedDeltas(this.db, expertId, revision);
    return rows.length > 0 && rows[rows.length - 1]!.revision === revision ? mergeDeltas(rows) : undefined;
  }

  loadForAsOf(expertId: string, revision: number): Checkpoint | undefined {
    const rows = storedDeltas(this.db, expertId, revision);
    return rows.length > 0 && rows[rows.length - 1]!.revision === revision ? mergeDeltas(rows, false) : undefined;
  }
}
