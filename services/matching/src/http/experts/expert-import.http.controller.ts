import { Controller, Inject, Post, Req, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ValidationError } from '@hope/kernel';
import { ApiProblems, AggregateHandlers, CLOCK, IDS, Roles, type Clock, type IdSource } from '@hope/platform';
import type { Readable } from 'node:stream';
import { importExperts, type ImportExpertsDeps } from '../../application/import-experts.use-case';
import { jsonlRows } from '../../application/import-lines';
import { PersonalDataCipher } from '../../application/personal-data/personal-data-cipher';
import { EXPERTS, type ExpertHandler } from '../../application/registry.handlers';
import { EXPERT_IMPORT_LINES, type ExpertImportErrorLine, type ExpertImportProgressLine, type ExpertImportReportLine } from './expert-import.response.dto';
import { RowValidationPool } from './row-validation-pool';
import { IMPORT_CONTENT_TYPE } from '../matching.problems';

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

@ApiTags('experts')
@ApiBearerAuth()
@Controller('experts/imports')
export class ExpertImportHttpController implements OnModuleDestroy {
  private readonly deps: ImportExpertsDeps;
  /** Rows are validated off the thread that appends and projects (`expert-import-row.ts`, the POST /experts DTO and pipe). */
  private readonly validation = new RowValidationPool();

  constructor(
    @Inject(EXPERTS) experts: ExpertHandler,
    @Inject(CLOCK) clock: Clock,
    @Inject(IDS) ids: IdSource,
    private readonly aggregates: AggregateHandlers,
    cipher: PersonalDataCipher,
  ) {
    this.deps = { experts, clock, keys: cipher, validate: this.validation.validate, nextId: () => ids.next() };
  }

  @Post()
  @ApiExtraModels(...EXPERT_IMPORT_LINES)
  @ApiOkResponse({
    description: "One JSON object a line: progress counts as rows are recorded, then the report (totals, rejected rows with line, field and reason) once every row is visible, or an error. 200, not 201: the status is sent before the rows are read, and creates no resource of its own at a URL",
    content: { 'application/x-ndjson': { schema: { oneOf: EXPERT_IMPORT_LINES.map((line) => ({ $ref: getSchemaPath(line) })) } } },
  })
  @Roles('operator')
  @ApiConsumes('application/x-ndjson')
  @ApiOperation({
    summary: 'Bulk import of expert profiles: one JSON object per line (the POST /experts fields plus externalId), streamed.',
    description:
      'Each row is validated like POST /experts and joins (new externalId) or updates the expert `ext:<externalId>`; a re-import or a rerun after a crash records nothing twice. ' +
      'The answer streams as NDJSON: `{"progress":{...}}` lines, then `{"report":{rows, joined, updated, unchanged, rejected, rejections:[{line, field, reason}]}}` once every row is recorded and visible.',
  })
  @ApiProblems(IMPORT_CONTENT_TYPE)
  async import(@Req() req: StreamedRequest, @Res() res: StreamedResponse): Promise<void> {
    const type = String(req.headers['content-type'] ?? '');
    if (!NDJSON.test(type)) {
      throw new ValidationError('IMPORT.CONTENT_TYPE', 'The body must be JSON lines', [{ field: 'content-type', reason: 'must be application/x-ndjson (one JSON object per line)' }]);
    }
    res.status(200).type('application/x-ndjson');
    res.flushHeaders();
    const write = (line: ExpertImportProgressLine | ExpertImportReportLine | ExpertImportErrorLine) => void res.write(`${JSON.stringify(line)}\n`);
    try {
      const { report, position } = await importExperts(this.deps, jsonlRows(req), { onProgress: (progress) => write({ progress }) });
      // Visible when answered: the registry (and the ranking index fed from it) include every row.
      if (position) await this.aggregates.readModelsInclude(position, 120_000);
      write({ report: { ...report, rejections: [...report.rejections] } });
    } catch (error) {
      // The status is sent already: the failure is the last line; rows recorded so far stay, and a rerun adds nothing twice.
      write({ error: { code: (error as { code?: string }).code ?? 'IMPORT.FAILED', detail: (error as Error).message } });
    }
    res.end();
  }

  onModuleDestroy(): Promise<void> {
    return this.validation.close();
  }
}
