import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../../threads/source-worker';
import { type BatchReply, type BatchWriter, decodeError, type EncodedError } from './writer-protocol';

/** Where a store sends its writes: a WriterThread, or (for `:memory:` files) the same thread. */
export interface Writer<Request, Result> {
  submit(request: Request): Promise<Result>;
  close(): Promise<void>;
}

/**
 * Runs the batch writer on the calling thread, one request per transaction: for a `:memory:` database,
 * which only the connection that opened it can see.
 */
export class InlineWriter<Request, Result> implements Writer<Request, Result> {
  constructor(private readonly writer: BatchWriter<Request, Result>) {}

  async submit(request: Request): Promise<Result> {
    const [result] = this.writer.write([request]);
    if (result instanceof Error) throw result;
    return result as Result;
  }

  async close(): Promise<void> {}
}

export interface WriterThreadOptions<Options> {
  /** Absolute path, without extension, of a module whose `createBatchWriter(options)` runs in the thread. */
  readonly module: string;
  /** Structured-cloneable; handed to `createBatchWriter` in the thread. */
  readonly options: Options;
  /** Turns an error the thread sent back into the error the caller sees (a typed conflict, say). */
  readonly decodeError?: (error: EncodedError) => Error;
}

/** Thrown to every caller whose request was in the thread when it died: its outcome is unknown. */
export class WriterThreadFailed extends Error {
  constructor(reason: string) {
    super(`The SQLite writer thread died with a write in flight (${reason}); the write may or may not be committed: retry it (appends are idempotent by event id)`);
    this.name = 'WriterThreadFailed';
  }
}

interface Queued<Request, Result> {
  readonly request: Request;
  readonly resolve: (r: Result) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Runs synchronous SQLite writes (and their fsync) in a worker thread, so the event loop keeps serving
 * while a commit is on disk. Group commit: requests arriving while one batch is in the thread queue up
 * and go as the next batch, one transaction and one fsync for all of them; each caller is answered with
 * its own result once that transaction is committed. One batch in the thread at a time, in arrival
 * order. If the thread dies, each request of the batch it held is failed (never answered as done), and
 * the next batch starts a new thread. The thread is unref'd while idle: an open writer does not keep
 * the process alive.
 */
export class WriterThread<Request, Result> implements Writer<Request, Result> {
  private worker: Worker | undefined;
  private queue: Queued<Request, Result>[] = [];
  private inFlight: Queued<Request, Result>[] | undefined;
  private scheduled = false;
  private closing: Promise<void> | undefined;
  private idle: (() => void)[] = [];

  /** The thread starts at once (it takes a while to load), so the first write does not wait for it. */
  constructor(private readonly o: WriterThreadOptions<unknown>) {
    this.started().unref();
  }

  submit(request: Request): Promise<Result> {
    if (this.closing !== undefined) return Promise.reject(new Error('The SQLite writer is closed'));
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Waits until every request submitted so far is answered, then stops the thread. */
  close(): Promise<void> {
    this.closing ??= this.drained().then(() => this.stop());
    return this.closing;
  }

  /** @internal Fault injection for tests: the thread as it runs now (undefined while none was started). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight !== undefined) return;
    this.scheduled = true;
    // Requests made in the same synchronous run join the batch; later ones join the next (while this one
    // is on disk), so a lone request leaves at once instead of a loop turn later.
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.inFlight !== undefined) return;
    if (this.queue.length === 0) {
      for (const done of this.idle.splice(0)) done();
      return;
    }
    const batch = this.queue;
    this.queue = [];
    this.inFlight = batch;
    const worker = this.started();
    worker.ref();
    worker.postMessage(batch.map((q) => q.request));
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = spawn(this.o.module, this.o.options);
    worker.on('message', (reply: BatchReply<Result>) => this.answer(reply));
    worker.on('error', (error: Error) => this.died(worker, error.message));
    worker.on('exit', (code) => this.died(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private answer(reply: BatchReply<Result>): void {
    const batch = this.inFlight;
    if (batch === undefined) return;
    this.inFlight = undefined;
    this.worker?.unref();
    const decode = this.o.decodeError ?? decodeError;
    if ('failed' in reply) {
      // The transaction itself failed (busy past the timeout, disk): nobody's writes were committed.
      for (const q of batch) q.reject(decode(reply.failed));
    } else {
      batch.forEach((q, i) => {
        const r = reply.results[i];
        if (r === undefined) q.reject(new Error('The SQLite writer answered fewer results than requests'));
        else if (r.ok) q.resolve(r.value);
        else q.reject(decode(r.error));
      });
    }
    this.flush();
  }

  private died(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const batch = this.inFlight;
    this.inFlight = undefined;
    for (const q of batch ?? []) q.reject(new WriterThreadFailed(reason));
    if (this.closing === undefined) this.flush();
    else for (const q of this.queue.splice(0)) q.reject(new WriterThreadFailed(reason));
  }

  private drained(): Promise<void> {
    if (this.inFlight === undefined && this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle.push(resolve);
      if (!this.scheduled) this.flush();
    });
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Referenced until it has closed the file: a process must not end with the connection half closed.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }
}

/** The thread's entry, from a build or from sources (see startWorker). */
function spawn(module: string, options: unknown): Worker {
  return startWorker(join(__dirname, 'writer-thread.worker'), !__filename.endsWith('.js'), { workerData: { module, options } });
}
