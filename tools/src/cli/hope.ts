import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { exportEvents } from './export.command';
import { queryExports } from './duckdb';
import { asOf } from './asof.command';
import { formatReport, verifyStores } from './verify/verify.command';
import { addDlqCommands } from './dlq.command';
import { addImportResourcesCommand } from './import-resources.command';
import { addTokenCommand } from './token.command';
import { addImportExpertsCommand } from './import-experts.command';
import { reach, statusHint } from './reach';

/**
 * `npx hope ...`: the analyst's tool. Reads a service's events (embedded store or EventStoreDB),
 * exports them upcast to current versions, and queries the exports with DuckDB.
 */
const collect = (value: string, previous: string[] = []) => [...previous, value];
const SERVICES = ['demand', 'matching', 'consulting', 'points'];

/** The workspace's version (tools/package.json, in the repo or beside the compiled CLI). */
function version(): string {
  for (const file of [join(__dirname, '../../package.json'), join(__dirname, '../../../../tools/package.json')]) {
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/** A typo in --data-dir or --service must not read (or create) an empty store and report nothing. */
function requireStore(o: { service: string; store?: string; dataDir: string }): void {
  if (o.store) return;
  const file = join(o.dataDir, `${o.service}.events.sqlite`);
  if (!existsSync(file)) throw new Error(`no ${o.service} store at ${file} (--data-dir, or --store esdb://...)`);
}

export function buildCli(): Command {
  const program = new Command('hope')
    .description('HOPE analyst CLI: export and query event streams. Exit codes: 0 clean, 1 findings, 2 error')
    .version(version())
    .showHelpAfterError()
    // Set before the subcommands exist, so they inherit it: a usage error is thrown (exit 2), not exit(1).
    .exitOverride();
  const storeOptions = (c: Command) =>
    c
      .addOption(new Option('--service <name>', 'the service whose events to read').choices(SERVICES).makeOptionMandatory())
      .option('--store <url>', "the services' shared store: EventStoreDB (esdb://...) or a shared SQLite file (sqlite:<file>); default: the service's embedded store")
      .option('--data-dir <dir>', 'data directory of the embedded store', process.env.DATA_DIR ?? '.data');

  storeOptions(program.command('export').alias('replay').description("stream a service's events to a file, upcast to current versions"))
    .requiredOption('--out <file>', 'output file, or - for stdout (the progress bar stays on stderr)')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'parquet']).default('jsonl'))
    .option('--stream-prefix <prefix>', 'only streams starting with this (repeatable)', collect)
    .option('--type <type>', 'only this event type (repeatable)', collect)
    .option('--since <iso>', 'only events recorded at or after this instant')
    .option('--until <iso>', 'only events recorded before this instant')
    .option('--resume', 'continue after the last exported position (jsonl, csv)')
    .action(async (o) => {
      requireStore(o);
      await exportEvents({ ...o, dataDir: o.dataDir });
    });

  storeOptions(program.command('asof').description("a service's projections as they were at an instant, queried with SQL"))
    .requiredOption('--at <iso>', 'the instant: events recorded before it count')
    .requiredOption('--sql <query>', "SQL over the projections' tables, e.g. \"SELECT * FROM probe_receipts\"")
    .action(async (o) => {
      requireStore(o);
      console.table(await asOf(o));
    });

  program
    .command('verify')
    .description("cross-check the services' stores: every earning traces to a recorded, unretracted source; every capture has its reservation; the sums match the balances. Exit code 1 if not clean")
    .option('--store <url>', 'the store all services write: EventStoreDB (esdb://...) or a shared SQLite file (sqlite:<file>); default: the embedded stores')
    .option('--data-dir <dir>', 'data directory of the embedded stores', process.env.DATA_DIR ?? '.data')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'))
    .action(async (o: { store?: string; dataDir: string; format: string }) => {
      const report = await verifyStores(o);
      process.stdout.write(o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      if (!report.clean) process.exitCode = 1;
    });

  program
    .command('rebuild')
    .description("rebuild a running service's projection beside the live one, verify its checksum, switch over (reads keep being served)")
    .requiredOption('--url <url>', 'the service, e.g. http://hope-points (any replica: each keeps its own read models)')
    .requiredOption('--projection <name>', 'projection name (GET /ops/projections lists them)')
    .option('--token <jwt>', 'an operator token (default: $HOPE_TOKEN)', process.env.HOPE_TOKEN)
    .option('--timeout <seconds>', 'give up after this long (the rebuild answers once it has switched over)', '300')
    .action(async (o: { url: string; projection: string; token?: string; timeout: string }) => {
      if (!o.token) throw new Error('an operator token is needed: --token or HOPE_TOKEN');
      const seconds = Number(o.timeout);
      if (!(seconds > 0)) throw new Error('--timeout must be a number of seconds above 0');
      const r = await reach(o.url, `/ops/projections/${encodeURIComponent(o.projection)}/rebuild`, { method: 'POST', token: o.token, timeoutMs: seconds * 1000 });
      const body = await r.text();
      if (!r.ok) throw new Error(`rebuild of ${o.projection} at ${o.url} failed: HTTP ${r.status}${statusHint(r.status)} ${body}`);
      process.stdout.write(`${body}\n`);
    });

  addDlqCommands(program);
  addTokenCommand(program);
  addImportExpertsCommand(program);
  addImportResourcesCommand(program);

  program
    .command('sql')
    .description('query exported files in place with DuckDB; the view is called "events"; numbers print as numbers (json keeps every type)')
    .argument('<query>', 'SQL, e.g. "SELECT type, count(*) FROM events GROUP BY type"')
    .requiredOption('--file <file>', 'an exported file: .jsonl, .csv or .parquet (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'jsonl']).default('table'))
    .action(async (query: string, o: { file: string[]; format: string }) => {
      const missing = o.file.filter((f) => !existsSync(f));
      if (missing.length > 0) throw new Error(`no such file: ${missing.join(', ')} (--file: an exported .jsonl, .csv or .parquet)`);
      const rows = await queryExports(o.file, query);
      if (o.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else if (o.format === 'jsonl') for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
      else console.table(rows);
    });
  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      const commander = error as { code?: string; exitCode?: number };
      if (commander.code?.startsWith('commander.')) process.exit(commander.exitCode === 0 ? 0 : 2);
      process.stderr.write(`hope: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    });
}
