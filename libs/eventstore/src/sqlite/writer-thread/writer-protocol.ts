/** What crosses between a WriterThread and its worker (structured clone: plain data, bigints allowed). */

/** An error as plain data: `kind` lets the caller's side rebuild a typed error. */
export interface EncodedError {
  readonly name: string;
  readonly message: string;
  readonly kind?: string;
  readonly detail?: unknown;
}

export type RequestOutcome<Result> = { readonly ok: true; readonly value: Result } | { readonly ok: false; readonly error: EncodedError };

/** One reply per batch: an outcome per request, in order, or the whole transaction failed. */
export type BatchReply<Result> = { readonly results: readonly RequestOutcome<Result>[] } | { readonly failed: EncodedError };

/** What a writer module's `createBatchWriter(options)` returns; it runs inside the thread. */
export interface BatchWriter<Request, Result> {
  /** Runs the batch in one transaction; a request refused alone gets its Error, the others commit. */
  write(batch: readonly Request[]): (Result | Error)[];
  close(): void;
}

/** A writer module: the thread loads it by path. `encodeError` keeps what a typed error needs. */
export interface WriterModule<Options, Request, Result> {
  createBatchWriter(options: Options): BatchWriter<Request, Result>;
  encodeError?(error: Error): EncodedError;
}

export function encodeError(error: unknown): EncodedError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The plain rebuild: name and message, no class. */
export function decodeError(error: EncodedError): Error {
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}
