import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createEventRegistry } from '@hope/contracts';
import { parsePosition, type AllFilter, type Position } from '@hope/eventstore';
import { CSV_COLUMNS, csvLine, toRow, type ExportRow } from './export-rows';
import { openStore, type StoreOptions } from './open-store';
import { Progress } from './progress';
import { jsonlToParquet } from './duckdb';

export interface ExportOptions extends StoreOptions {
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

export async function exportEvents(o: ExportOptions): Promise<number> {
  if (o.format === 'parquet' && o.resume) throw new Error('--resume works with jsonl and csv (Parquet files cannot be appended to)');
  const since = o.since ? Date.parse(o.since) : undefined;
  const until = o.until ? Date.parse(o.until) : undefined;
  if (Number.isNaN(since) || Number.isNaN(until)) throw new Error('--since/--until must be ISO-8601 timestamps');
  mkdirSync(dirname(o.out), { recursive: true });
  const filter: AllFilter = { ...(o.streamPrefix?.length ? { streamPrefixes: o.streamPrefix } : {}), ...(o.type?.length ? { eventTypes: o.type } : {}) };

  const target = o.format === 'parquet' ? `${o.out}.jsonl.tmp` : o.out;
  let from: Position | undefined;
  if (o.resume && existsSync(cursorFile(o.out))) from = parsePosition(readFileSync(cursorFile(o.out), 'utf8').trim());
  else {
    writeFileSync(target, o.format === 'csv' ? `${CSV_COLUMNS.join(',')}\n` : '');
    rmSync(cursorFile(o.out), { force: true });
  }

  const store = openStore(o);
  const registry = createEventRegistry();
  let end: Position | undefined;
  for await (const last of store.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) end = last.position;
  const progress = new Progress(end);
  let count = 0;
  let buffer: string[] = [];
  let lastPosition: Position | undefined;
  const flush = () => {
    if (buffer.length === 0) return;
    appendFileSync(target, buffer.join(''));
    buffer = [];
    // Written after the rows: a crash between the two re-exports a few rows, never skips one.
    if (lastPosition) writeFileSync(cursorFile(o.out), `${lastPosition.commit}/${lastPosition.prepare}`);
  };
  try {
    for await (const e of store.readAll({ ...(from ? { fromPosition: from } : {}), filter })) {
      if (from && e.position.commit === from.commit && e.position.prepare === from.prepare) continue;
      lastPosition = e.position;
      progress.update(e.position, count);
      const t = e.recordedAt.getTime();
      if ((since !== undefined && t < since) || (until !== undefined && t >= until)) continue;
      const row: ExportRow = toRow(e, registry);
      buffer.push(o.format === 'csv' ? `${csvLine(row)}\n` : `${JSON.stringify(row)}\n`);
      count++;
      if (buffer.length >= 1_000) flush();
    }
    flush();
  } finally {
    progress.done(count);
    await store.close();
  }
  if (o.format === 'parquet') {
    await jsonlToParquet(target, o.out);
    rmSync(target, { force: true });
  }
  return count;
}
