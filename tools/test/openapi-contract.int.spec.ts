import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPIObject } from '@nestjs/swagger';
import { serviceDocuments } from '../src/openapi/service-documents';

/**
 * The published contract: each service's OpenAPI document, built in this process as the service
 * serves it. Every operation says what it answers on success and how it fails; Redocly finds no
 * error in it; libs/client (documents and generated types) is what these documents generate.
 */
const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

interface Response {
  $ref?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, Response>;
  parameters?: { in: string }[];
  requestBody?: unknown;
}

function operationsOf(document: OpenAPIObject): { name: string; method: string; op: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, Operation | undefined>)[method];
      return op ? [{ name: `${method.toUpperCase()} ${path}`, method, op }] : [];
    }),
  );
}

/** What is missing from one operation's responses, as sentences (empty: nothing). */
function missingFrom(method: string, op: Operation): string[] {
  const missing: string[] = [];
  const entries = Object.entries(op.responses);
  const success = entries.filter(([status]) => status.startsWith('2'));
  if (success.length === 0) missing.push('no 2xx response');
  for (const [status, r] of success) {
    if (status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema !== undefined)) missing.push(`${status} has no schema`);
  }
  const errors = entries.filter(([status]) => /^[45]/.test(status));
  if (errors.length === 0) missing.push('no error response');
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  const problemAt = (status: string) => op.responses[status]?.content?.[PROBLEM]?.schema?.$ref === PROBLEM_REF;
  if (!isPublic) {
    for (const status of ['401', '403']) if (!problemAt(status)) missing.push(`${status} is not the Problem schema`);
    if (method !== 'get' && !problemAt('429')) missing.push('429 is not the Problem schema');
    for (const [status] of errors) if (!problemAt(status)) missing.push(`${status} is not the Problem schema`);
  }
  const takesInput = op.requestBody !== undefined || (op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query');
  if (takesInput && !problemAt('400')) missing.push('takes input but 400 is not the Problem schema');
  return missing;
}

describe('OpenAPI contract of every service', () => {
  jest.setTimeout(120_000);
  let documents: Map<string, OpenAPIObject>;

  beforeAll(async () => {
    documents = await serviceDocuments();
  });

  it('every operation declares its 2xx schema and its problem+json errors', () => {
    const gaps: string[] = [];
    let operations = 0;
    for (const [service, document] of documents) {
      expect(document.components?.schemas?.['Problem']).toBeDefined();
      for (const { name, method, op } of operationsOf(document)) {
        operations++;
        for (const what of missingFrom(method, op)) gaps.push(`${service} ${name}: ${what}`);
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(gaps).toEqual([]);
  });

  it('the rules above fail an operation that forgets them', () => {
    // The checker itself: a bare operation (what a new endpoint without decorators would give, had the builder not completed it).
    expect(missingFrom('post', { responses: { '201': {} }, requestBody: {} })).toEqual([
      '201 has no schema',
      'no error response',
      '401 is not the Problem schema',
      '403 is not the Problem schema',
      '429 is not the Problem schema',
      'takes input but 400 is not the Problem schema',
    ]);
  });

  it('Redocly lint (redocly.yaml) finds no error in any document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hope-redocly-'));
    try {
      const totals: Record<string, { errors: number; warnings: number }> = {};
      const errors: string[] = [];
      for (const [service, document] of documents) {
        const file = join(dir, `${service}.openapi.json`);
        writeFileSync(file, JSON.stringify(document));
        const report = await redoclyLint(file);
        totals[service] = { errors: report.totals.errors, warnings: report.totals.warnings };
        for (const p of report.problems.filter((x) => x.severity === 'error')) errors.push(`${service} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
      }
      process.stdout.write(`redocly lint: ${JSON.stringify(totals)}\n`);
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('libs/client is generated from these documents (run `npm run client:generate` after changing an endpoint)', async () => {
    // In a child process: jest cannot load openapi-typescript (an ES module). The child builds the same documents.
    const script = join(ROOT, 'tools', 'src', 'openapi', 'generate-client.ts');
    const run = promisify(execFile)(process.execPath, ['-r', '@swc-node/register', script, '--check'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
    const { stdout, code } = await run.then(
      (r) => ({ stdout: r.stdout, code: 0 }),
      (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`, code: error.code ?? -1 }),
    );
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
  });
});

interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/** The Redocly CLI CI runs, with the repository's redocly.yaml; it exits 1 on errors but still reports. */
async function redoclyLint(file: string): Promise<RedoclyReport> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const args = [cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(stdout) as RedoclyReport;
}
