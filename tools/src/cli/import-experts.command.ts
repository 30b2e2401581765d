import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { importGroup } from './import-command-group';

export interface ImportExpertsOptions {
  readonly url: string;
  readonly token?: string;
  readonly format: 'text' | 'json';
}

interface Counts {
  rows: number;
  joined: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
interface Report extends Counts {
  rejections: { line: number; field: string; reason: string }[];
  rejectionsTruncated: boolean;
}

/**
 * Streams a JSON-lines file to matching's `POST /experts/imports` (never read whole into memory) and
 * follows the NDJSON answer: progress on stderr, the report on stdout. Exit code 1 when rows were
 * rejected, 2 when the import failed (a rerun records nothing twice).
 */
export async function importExperts(file: string, o: ImportExpertsOptions): Promise<{ report: Report; exitCode: number }> {
  if (!o.token) throw new Error('an operator token is needed: --token or HOPE_TOKEN');
  const size = statSync(file).size;
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  const r = await fetch(`${o.url.replace(/\/$/, '')}/experts/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/x-ndjson' },
    body,
    duplex: 'half',
  } as RequestInit);
  if (!r.ok || !r.body) throw new Error(`import failed: HTTP ${r.status} ${await r.text()}`);
  const started = Date.now();
  let report: Report | undefined;
  let pending = '';
  const decoder = new TextDecoder();
  const handle = (line: string) => {
    if (line.trim() === '') return;
    const message = JSON.parse(line) as { progress?: Counts; report?: Report; error?: { code: string; detail: string } };
    if (message.progress) {
      const p = message.progress;
      const rate = Math.round(p.rows / Math.max(0.001, (Date.now() - started) / 1000));
      process.stderr.write(`${p.rows} rows (${size} bytes file): ${p.joined} joined, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejected} rejected, ${rate} rows/s\n`);
    }
    if (message.report) report = message.report;
    if (message.error) throw new Error(`import stopped (${message.error.code}): ${message.error.detail}; rows recorded so far stay, a rerun records nothing twice`);
  };
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      handle(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  }
  handle(pending + decoder.decode());
  if (!report) throw new Error('the service answered without a report');
  return { report, exitCode: report.rejected > 0 ? 1 : 0 };
}

export const formatImportReport = (r: Report): string =>
  [
    `${r.rows} rows: ${r.joined} joined, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
    ...r.rejections.map((x) => `  line ${x.line}: ${x.field}: ${x.reason}`),
    ...(r.rejectionsTruncated ? ['  (more rejections not listed)'] : []),
    '',
  ].join('\n');

/** `hope import experts <file.jsonl> --url http://matching`. */
export function addImportExpertsCommand(program: Command): void {
  importGroup(program)
    .command('experts')
    .description("import expert profiles into matching: one JSON object per line, POST /experts's fields plus externalId (the same id always names the same expert)")
    .argument('<file>', 'a .jsonl file')
    .option('--url <url>', 'the matching service', process.env.HOPE_MATCHING_URL ?? 'http://localhost:3002')
    .option('--token <jwt>', 'an operator token (default: $HOPE_TOKEN)', process.env.HOPE_TOKEN)
    .option('--format <format>', 'report format: text or json', 'text')
    .action(async (file: string, o: ImportExpertsOptions) => {
      const { report, exitCode } = await importExperts(file, o);
      process.stdout.write(o.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatImportReport(report));
      process.exitCode = exitCode;
    });
}
