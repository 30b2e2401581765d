// The event store's writes as a WriterThread runs them: this module is loaded inside the thread
// (createBatchWriter) and, for the decoding half, by the store on the main thread.
import Database from 'better-sqlite3';
import { WrongExpectedVersion, type AppendResult, type ExpectedRevision } from '../event-store.port';
import { type BatchWriter, decodeError, type EncodedError, encodeError as encodePlainError } from './writer-thread/writer-protocol';
import { SqliteAppender, type PendingWrite } from './sqlite-append';
import { applyPragmas } from './sqlite-schema';

export interface StoreWriterOptions {
  readonly file: string;
}

/** Path of this module for WriterThread (without extension: .ts from sources, .js from dist). */
export const STORE_WRITER_MODULE = __filename.replace(/\.[jt]s$/, '');

const CONFLICT = 'wrong-expected-version';

interface ConflictDetail {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | undefined;
}

/** Runs in the writer thread: owns the file's write connection (the schema exists: the store created it). */
export function createBatchWriter(options: StoreWriterOptions): BatchWriter<PendingWrite, AppendResult | undefined> {
  const db = new Database(options.file);
  applyPragmas(db);
  const appender = new SqliteAppender(db);
  return {
    write: (batch) => appender.commit(batch),
    close: () => db.close(),
  };
}

/** In the writer thread: a conflict keeps what WrongExpectedVersion needs to be rebuilt. */
export function encodeError(error: Error): EncodedError {
  if (!(error instanceof WrongExpectedVersion)) return encodePlainError(error);
  const detail: ConflictDetail = { stream: error.stream, expected: error.expected, actual: error.actual };
  return { ...encodePlainError(error), kind: CONFLICT, detail };
}

/** On the caller's side: a conflict is a WrongExpectedVersion again, as the port promises. */
export function decodeStoreError(error: EncodedError): Error {
  if (error.kind === CONFLICT) {
    const d = error.detail as ConflictDetail;
    return new WrongExpectedVersion(d.stream, d.expected, d.actual);
  }
  return decodeError(error);
}
