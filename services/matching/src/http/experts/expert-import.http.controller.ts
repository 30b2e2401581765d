import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiProperty, ApiTags, OmitType, ApiResponse } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ValidationError } from '@hope/kernel';
import { AggregateHandlers, CLOCK, IDS, Roles, createValidationPipe, type Clock, type IdSource } from '@hope/platform';
import type { Readable } from 'node:stream';
import { importExperts, type ImportExpertsDeps, type ImportRow } from '../../application/import-experts.use-case';
import { jsonlRows } from '../../application/import-lines';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import type { Profile } from '../../domain/expert/profile';
import { JoinRequest } from './profile.request.dto';

/** The source's id of an expert: becomes part of the expert id (`ext:<externalId>`), so it has that id's shape. */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,95}$/;

/** One line of an import: the fields of `POST /experts` (same DTO, same rules) plus the source's id; no invitation code. */
export class ImportExpertRow extends OmitType(JoinRequest, ['invitationCode'] as const) {
  @ApiProperty({ pattern: EXTERNAL_ID.source, description: "The source system's id: the same id always names the same expert" })
  @Matches(EXTERNAL_ID, { message: 'must be 1-96 letters, digits or ._:@-, starting with a letter or digit' })
  externalId!: string;
}

const NDJSON = /^application\/(x-ndjson|jsonl|x-jsonlines)\b/i;

interface StreamedRequest extends Readable {
  headers: Record<string, string | string[] | undefined>;
}
interface StreamedResponse {
  status(code: number): this;
  type(t: string): this;
  write(chunk: string): boolean;
  end(): void;
  flushHeaders(): void;
}

/**
 * What the platform's JSON-shape guard refuses in a request body, for a row (the guard runs on JSON
 * bodies only): nesting deeper than a profile's few levels, and text that is not well-formed Unicode.
 * Walked with an explicit stack, so a hostile row cannot overflow ours.
 */
/** With the `u` flag a surrogate pair reads as one code point: only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function rowShapeProblem(root: object): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return 'holds text that is not well-formed Unicode';
    if (typeof value !== 'object' || value === null) continue;
    if (depth > 8) return 'is nested too deeply';
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return 'holds text that is not well-formed Unicode';
      stack.push({ value: v, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Rows validated exactly as a `POST /experts` body is: the platform's pipe over the DTO. */
const pipe = createValidationPipe();
const validateRow = async (value: unknown): Promise<ImportRow> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError('VALIDATION.FAILED', 'A row must be a JSON object', [{ field: 'line', reason: 'must be a JSON object' }]);
  const shape = rowShapeProblem(value);
  if (shape !== undefined) throw new ValidationError('VALIDATION.FAILED', `The row ${shape}`, [{ field: 'line', reason: shape }]);
  const row = (await pipe.transform(value, { type: 'body', metatype: ImportExpertRow })) as ImportExpertRow;
  const { externalId, ...profile } = JSON.parse(JSON.stringify(row)) as ImportExpertRow;
  return { externalId, profile: profile as Profile };
};

@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts/imports')
export class ExpertImportHttpController {
  private readonly deps: ImportExpertsDeps;

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) ids: IdSource,
    private readonly aggregates: AggregateHandlers,
    cipher: PersonalDataCipher,
  ) {
    this.deps = { experts, clock, keys: cipher, validate: validateRow, nextId: () => ids.next() };
  }

  @Post()
  @ApiResponse({ status: 201, description: 'NDJSON stream: progress lines, then the report of rejected rows (line, field, reason) and totals', schema: { type: 'object', additionalProperties: true } })
  @Roles('operator')
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({
    summary: 'Bulk import of expert profiles: one JSON object per line (the POST /experts fields plus externalId), streamed.',
    description:
      'Each row is validated like POST /experts and joins (new externalId) or updates the expert `ext:<externalId>`; a re-import or a rerun after a crash records nothing twice. ' +
      'The answer streams as NDJSON: `{"progress":{...}}` lines, then `{"report":{rows, joined, updated, unchanged, rejected, rejections:[{line, field, reason}]}}` once every row is recorded and visible.',
  })
  async import(@Req() req: StreamedRequest, @Res() res: StreamedResponse): Promise<void> {
    const type = String(req.headers['content-type'] ?? '');
    if (!NDJSON.test(type)) {
      throw new ValidationError('IMPORT.CONTENT_TYPE', 'The body must be JSON lines', [{ field: 'content-type', reason: 'must be application/x-ndjson (one JSON object per line)' }]);
    }
    res.status(200).type('application/x-ndjson');
    res.flushHeaders();
    try {
      const { report, position } = await importExperts(this.deps, jsonlRows(req), { onProgress: (p) => res.write(`${JSON.stringify({ progress: p })}\n`) });
      // Visible when answered: the registry (and the ranking index fed from it) include every row.
      if (position) await this.aggregates.readModelsInclude(position, 120_000);
      res.write(`${JSON.stringify({ report })}\n`);
    } catch (error) {
      // The status is sent already: the failure is the last line; rows recorded so far stay, and a rerun adds nothing twice.
      res.write(`${JSON.stringify({ error: { code: (error as { code?: string }).code ?? 'IMPORT.FAILED', detail: (error as Error).message } })}\n`);
    }
    res.end();
  }

}
