import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startWorker } from '@hope/eventstore';
import { ValidationError, type FieldProblem } from '@hope/kernel';
import type { ImportRow } from '../../application/import-experts.use-case';
import { rowShapeError, validateRow } from './expert-import-row';

export interface ValidationRequest {
  readonly id: number;
  readonly values: readonly unknown[];
}
export type ValidationResult = { row: ImportRow } | { invalid: { message: string; fields: FieldProblem[] } } | { failed: string };
export interface ValidationReply {
  readonly id: number;
  readonly results: readonly ValidationResult[];
}

type Queued = { value: unknown; resolve(r: ValidationResult): void; reject(e: Error): void };

/**
 * Validating a row (class-transformer + class-validator over the `POST /experts` DTO) was a third of an
 * import's CPU, on the thread that also appends and projects. The pool runs that same validation on
 * worker threads: calls made in one tick go as one message, so a window of rows costs one round trip.
 * If a worker cannot start or dies, the pool stops using workers and validates on this thread.
 */
export class RowValidationPool {
  private workers: Worker[] = [];
  private next = 0;
  private seq = 0;
  private readonly pending = new Map<number, Queued[]>();
  private queued: Queued[] = [];
  private broken = false;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism() - 1))) {}

  /** The same contract as `validateRow`: the row, or a ValidationError naming the fields. */
  validate = async (value: unknown): Promise<ImportRow> => {
    const shape = rowShapeError(value);
    if (shape) throw shape;
    const result = this.broken || this.size === 0 ? await settle(value) : await this.enqueue(value);
    if ('row' in result) return result.row;
    if ('invalid' in result) throw new ValidationError('VALIDATION.FAILED', result.invalid.message, result.invalid.fields);
    throw new Error(`row validation failed: ${result.failed}`);
  };

  /** Threads running now (0 before the first row, or once the pool fell back to this thread). */
  get threads(): number {
    return this.broken ? 0 : this.workers.length;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private enqueue(value: unknown): Promise<ValidationResult> {
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) setImmediate(() => this.send());
      this.queued.push({ value, resolve, reject });
    });
  }

  private send(): void {
    const batch = this.queued;
    this.queued = [];
    if (this.broken) return settleHere(batch);
    const id = ++this.seq;
    this.pending.set(id, batch);
    try {
      this.worker().postMessage({ id, values: batch.map((q) => q.value) } satisfies ValidationRequest);
    } catch {
      // A value the thread cannot be sent (or a thread that cannot start): validated here.
      this.pending.delete(id);
      settleHere(batch);
    }
  }

  private worker(): Worker {
    if (this.workers.length < this.size) this.workers.push(this.start());
    const w = this.workers[this.next++ % this.workers.length]!;
    return w;
  }

  private start(): Worker {
    const worker = startWorker(join(__dirname, 'expert-import-row.worker'), extname(__filename) === '.ts');
    worker.unref();
    worker.on('message', (reply: ValidationReply) => {
      const batch = this.pending.get(reply.id) ?? [];
      this.pending.delete(reply.id);
      batch.forEach((q, i) => q.resolve(reply.results[i]!));
    });
    const fail = () => {
      // Rows in flight there are validated here instead, and so are later rows.
      this.broken = true;
      this.workers = this.workers.filter((w) => w !== worker);
      const pending = [...this.pending.values()];
      this.pending.clear();
      for (const batch of pending) settleHere(batch);
    };
    worker.on('error', fail);
    worker.on('exit', () => {
      if (this.workers.includes(worker)) fail();
    });
    return worker;
  }
}

const settleHere = (batch: readonly Queued[]): void => {
  for (const q of batch) settle(q.value).then(q.resolve, q.reject);
};

const settle = async (value: unknown): Promise<ValidationResult> => {
  try {
    return { row: await validateRow(value) };
  } catch (error) {
    if (error instanceof ValidationError) return { invalid: { message: error.message, fields: [...error.fields] } };
    throw error;
  }
};
