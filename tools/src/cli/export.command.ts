import { appendFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createEventRegistry } from '@hope/contracts';
import { parsePosition, type AllFilter, type Position } from '@hope/eventstore';
import { CSV_COLUMNS, csvLine, toRow, type ExportRow } from './export-rows';
import { openStore, type StoreOptions } from './open-store';
import { Progress } from './progress';
import { jsonlToParquet } from './duckdb';

export interface ExportOptions extends StoreOptions {
  /** A file, or `-` for stdout. */
  out: string;
  format: 'jsonl' | 'csv' | 'parquet';
  streamPrefix?: string[];
  type?: string[];
  since?: string;
  until?: string;
  resume?: boolean;
}

/** The cursor beside the output: the last exported position, so `--resume` continues after it. */
const cursorFile = (out: string) => `${out}.cursor`;

/** `--out -`: the rows go to stdout (the progress bar and the summary stay on stderr). */
export const STDOUT = '-';

/** The reader of stdout went away (`hope export --out - | head`): the export stops there, quietly, as `cat` would. */
class ReaderGone extends Error {}

/** Writes to stdout and waits when its buffer is full, so a slow reader (a pipe) holds the export back instead of filling memory. */
const toStdout = (text: string): Promise<void> => new Promise((resolve, reject) => {
  const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EPIPE' ? new ReaderGone() : error);
  process.stdout.once('error', onError);
  const done = () => (process.stdout.off('error', onError), resolve());
  if (process.stdout.write(text)) done();
  else process.stdout.once('drain', done);
});

export async function exportEvents(o: ExportOptions): Promise<number> {
  const toFile = o.out !== STDOUT;
  if (o.format === 'parquet' && o.resume) throw new Error('--resume works with jsonl and csv (Parquet files cannot be appended to)');
  if (!toFile && o.resume) throw new Error('--resume needs a file to continue (--out -, stdout, has no cursor)');
  const since = o.since ? Date.parse(o.since) : undefined;
  const until = o.until ? Date.parse(o.until) : undefined;
  if (Number.isNaN(since) || Number.isNaN(until)) throw new Error('--since/--until must be ISO-8601 timestamps');
  if (toFile) mkdirSync(dirname(o.out), { recursive: true });
  const filter: AllFilter = { ...(o.streamPrefix?.length ? { streamPrefixes: o.streamPrefix } : {}), ...(o.type?.length ? { eventTypes: o.type } : {}) };

  // Parquet is written whole by DuckDB from a JSONL file: beside the output, or in a scratch directory for stdout.
  const scratch = o.format === 'parquet' && !toFile ? mkdtempSync(join(tmpdir(), 'hope-export-')) : undefined;
  const parquetOut = scratch ? join(scratch, 'out.parquet') : o.out;
  const target = o.format === 'parquet' ? `${parquetOut}.jsonl.tmp` : o.out;
  const streamed = target === STDOUT;
  let from: Position | undefined;
  if (o.resume && existsSync(cursorFile(o.out))) from = parsePosition(readFileSync(cursorFile(o.out), 'utf8').trim());
  else if (!streamed) {
    writeFileSync(target, o.format === 'csv' ? `${CSV_COLUMNS.join(',')}\n` : '');
    if (toFile) rmSync(cursorFile(o.out), { force: true });
  } else if (o.format === 'csv') await toStdout(`${CSV_COLUMNS.join(',')}\n`);

  const store = openStore(o);
  const registry = createEventRegistry();
  const range: { first?: Position; last?: Position } = {};
  for await (const e of store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) range.last = e.position;
  for await (const e of store.readAll({ ...(from ? { fromPosition: from } : {}), maxCount: 1 })) range.first = e.position;
  const progress = new Progress(o.service, range);
  let read = 0;
  let count = 0;
  let complete = false;
  let buffer: string[] = [];
  let lastPosition: Position | undefined;
  const flush = async () => {
    if (buffer.length === 0) return;
    const text = buffer.join('');
    buffer = [];
    if (streamed) return toStdout(text);
    appendFileSync(target, text);
    // Written after the rows: a crash between the two re-exports a few rows, never skips one.
    if (lastPosition && toFile && o.format !== 'parquet') writeFileSync(cursorFile(o.out), `${lastPosition.commit}/${lastPosition.prepare}`);
  };
  try {
    for await (const e of store.readAll({ ...(from ? { fromPosition: from } : {}), filter })) {
      if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
      lastPosition = e.position;
      read++;
      const t = e.recordedAt.getTime();
      if (!((since !== undefined && t < since) || (until !== undefined && t >= until))) {
        const row: ExportRow = toRow(e, registry);
        buffer.push(o.format === 'csv' ? `${csvLine(row)}\n` : `${JSON.stringify(row)}\n`);
        count++;
        if (buffer.length >= 1_000) await flush();
      }
      progress.update(e.position, read, count);
    }
    await flush();
    complete = true;
  } catch (error) {
    if (!(error instanceof ReaderGone)) throw error;
  } finally {
    progress.done(read, count, complete);
    await store.close();
  }
  if (o.format === 'parquet') {
    try {
      await jsonlToParquet(target, parquetOut);
      if (scratch) await pipeline(createReadStream(parquetOut), process.stdout, { end: false });
    } finally {
      rmSync(target, { force: true });
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
  return count;
}
