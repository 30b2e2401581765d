import { DuckDBInstance } from '@duckdb/node-api';

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** Parquet through DuckDB: typed columns from the JSONL rows, written in one COPY. */
export async function jsonlToParquet(jsonl: string, parquet: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`COPY (SELECT * FROM read_json_auto(${quote(jsonl)}, format = 'newline_delimited')) TO ${quote(parquet)} (FORMAT parquet)`);
  } finally {
    c.closeSync();
  }
}

const reader = (file: string) =>
  file.endsWith('.parquet') ? `read_parquet(${quote(file)})` : file.endsWith('.csv') ? `read_csv_auto(${quote(file)}, header = true)` : `read_json_auto(${quote(file)}, format = 'newline_delimited')`;

/**
 * A DuckDB value as JSON keeps its type: numbers stay numbers (BIGINT and DECIMAL too, which DuckDB's
 * own JSON conversion turns into strings; one beyond 2^53 stays a string rather than lose digits),
 * timestamps become ISO-8601 strings, lists and structs keep their shape.
 */
export function typedValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(typedValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typedValue(x)]));
  return v;
}

/** Runs `sql` with a view `events` over the exported files (JSONL, CSV or Parquet), in place; values typed (see typedValue). */
export async function queryExports(files: readonly string[], sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`CREATE VIEW events AS ${files.map((f) => `SELECT * FROM ${reader(f)}`).join(' UNION ALL BY NAME ')}`);
    const result = await c.runAndReadAll(sql);
    return result.getRowObjectsJS().map((row) => typedValue(row) as Record<string, unknown>);
  } finally {
    c.closeSync();
  }
}
