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

/** Runs `sql` with a view `events` over the exported files (JSONL, CSV or Parquet), in place. */
export async function queryExports(files: readonly string[], sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`CREATE VIEW events AS ${files.map((f) => `SELECT * FROM ${reader(f)}`).join(' UNION ALL BY NAME ')}`);
    const result = await c.runAndReadAll(sql);
    return result.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.closeSync();
  }
}
