import { createReadStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Option, type Command } from 'commander';

export interface ImportResourcesOptions {
  readonly url: string;
  readonly token?: string;
  readonly organisation?: string;
  readonly format?: 'jsonl' | 'csv';
  readonly idempotencyKey?: string;
}

/** What the service reports, one JSON object a line (see POST /resources/imports). */
type ReportLine = { type: 'progress' | 'rejected' | 'done' | 'failed'; [k: string]: unknown };

const formatOf = (file: string, given?: 'jsonl' | 'csv'): 'jsonl' | 'csv' => given ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl');

/**
 * Streams FILE to a matching service's `POST /resources/imports` (never read whole into memory) and
 * prints its report as it arrives: progress to stderr, rejected rows and the totals to stdout as
 * JSONL. Resolves with the totals; rejects when the service refuses the import or the job fails.
 */
export async function importResourcesFile(file: string, o: ImportResourcesOptions, out: (line: string) => void = (l) => void process.stdout.write(`${l}\n`)): Promise<ReportLine> {
  if (!existsSync(file)) throw new Error(`no file ${file}`);
  if (!o.token) throw new Error('a token is needed: --token or HOPE_TOKEN (an operator, or a member of the owning organisation)');
  const format = formatOf(file, o.format);
  const query = o.organisation !== undefined ? `?ownerOrganisationId=${encodeURIComponent(o.organisation)}` : '';
  const r = await fetch(`${o.url.replace(/\/$/, '')}/resources/imports${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${o.token}`,
      'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      ...(o.idempotencyKey !== undefined ? { 'idempotency-key': o.idempotencyKey } : {}),
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  if (!r.ok || !r.body) throw new Error(`import refused: HTTP ${r.status} ${await r.text()}`);
  let last: ReportLine | undefined;
  let pending = '';
  const decoder = new TextDecoder();
  const handle = (text: string) => {
    if (text.trim() === '') return;
    const line = JSON.parse(text) as ReportLine;
    last = line;
    if (line.type === 'progress') process.stderr.write(`read ${String(line.read)}, registered ${String(line.registered)}, revised ${String(line.revised)}, unchanged ${String(line.unchanged)}, rejected ${String(line.rejected)}\n`);
    else out(text);
  };
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      handle(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  }
  handle(pending + decoder.decode());
  if (!last || last.type === 'failed') throw new Error(`import failed: ${last ? String(last.detail) : 'no report'} (retry with the same --idempotency-key)`);
  return last;
}

/** `hope import resources FILE`: under the `import` group, which other importers (experts) share. */
export function addImportResourcesCommand(program: Command): void {
  const group = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('bulk imports into a running service');
  group
    .command('resources')
    .description('stream a JSONL or CSV file of resources to a matching service; rows with an externalKey, re-importing changes nothing. Exit code 1 if rows were rejected')
    .argument('<file>', '.jsonl (one object a line) or .csv (header: externalKey,kind,title_zh,title_en,description_zh,description_en,capabilities,trl,ipStatus,region[,ownerOrganisationId])')
    .option('--url <url>', 'the matching service', process.env.HOPE_MATCHING_URL ?? 'http://localhost:3002')
    .option('--token <jwt>', 'an operator token, or a member of the owning organisation (default: $HOPE_TOKEN)', process.env.HOPE_TOKEN)
    .option('--organisation <id>', 'the owner of rows that name none')
    .addOption(new Option('--format <format>', 'default: from the file name').choices(['jsonl', 'csv']))
    .option('--idempotency-key <key>', 'retrying a failed job with the same key skips the rows it had done')
    .action(async (file: string, o: ImportResourcesOptions) => {
      const done = await importResourcesFile(file, o);
      if (Number(done.rejected) > 0) process.exitCode = 1;
    });
}
