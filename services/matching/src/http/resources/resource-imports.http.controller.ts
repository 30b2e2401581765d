import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ForbiddenError, ValidationError, type Principal } from '@hope/kernel';
import { AggregateHandlers, ApiProblems, CLOCK, CommandMeta, createValidationPipe, CurrentPrincipal, jsonBodyProblem, Query, Roles, type Clock } from '@hope/platform';
import { csvRows, jsonlRows } from '../../application/import-lines';
import { importResources, type ImportReport, type ImportResourcesDeps, type RowValidator } from '../../application/resources/import-resources.use-case';
import { resources } from '../../domain/resources/resource.aggregate';
import { ImportResourceRow } from './resource.request.dto';
import { RESOURCE_IMPORT_LINES, type ResourceImportLine } from './resource-imports.response.dto';
import { fieldsOf } from './resources.http.controller';
import { IMPORT_FORMAT, IMPORT_NOT_YOURS } from '../matching.problems';

const FORMATS = ['jsonl', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const CONTENT_TYPES: Record<string, Format> = { 'application/x-ndjson': 'jsonl', 'application/jsonl': 'jsonl', 'application/json-lines': 'jsonl', 'text/csv': 'csv' };

export class ImportResourcesQuery {
  @ApiPropertyOptional({ maxLength: 100, description: "The owner of rows that name none; an enterprise imports only for its own organisation" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  ownerOrganisationId?: string;
  @ApiPropertyOptional({ enum: FORMATS, description: 'Default: from the Content-Type' }) @IsOptional() @IsIn(FORMATS) format?: Format;
}

/** The same validation as `POST /resources`, row by row: the body's shape and text checks, whitelist, every bad field named. */
const pipe = createValidationPipe();
const validateRow: RowValidator = async (raw) => {
  const shape = jsonBodyProblem(raw);
  if (shape) throw shape;
  const row = (await pipe.transform(raw, { type: 'body', metatype: ImportResourceRow })) as ImportResourceRow;
  return { externalKey: row.externalKey, ...(row.ownerOrganisationId !== undefined ? { ownerOrganisationId: row.ownerOrganisationId } : {}), fields: fieldsOf(row) };
};

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources/imports')
export class ResourceImportsHttpController {
  private readonly deps: ImportResourcesDeps;

  constructor(aggregates: AggregateHandlers, @Inject(CLOCK) clock: Clock) {
    this.deps = { resources: aggregates.for(resources), clock, validate: validateRow, settle: (p) => aggregates.readModelsInclude(p) };
  }

  @Post()
  @ApiExtraModels(...RESOURCE_IMPORT_LINES)
  @ApiOkResponse({
    description: "One JSON object a line, as the job goes: progress counts, each rejected row (line, reasons), then done with the totals (or failed). 200, not 201: the status is sent before the rows are read, and creates no resource of its own at a URL",
    content: { 'application/x-ndjson': { schema: { oneOf: RESOURCE_IMPORT_LINES.map((line) => ({ $ref: getSchemaPath(line) })) } } },
  })
  @Roles('operator', 'enterprise', 'service')
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiOperation({
    summary:
      'Bulk import resources from a streamed JSONL or CSV body (one row a line; CSV: a header naming the columns, title_zh/title_en, description_zh/description_en, capabilities split on ";"). ' +
      'Each row needs an externalKey: the same key imports the same resource, a re-import changes nothing. Answers application/x-ndjson as it goes: ' +
      '{type:"progress"} counts, {type:"rejected", line, errors} per refused row, then {type:"done"} (or {type:"failed"}). An Idempotency-Key makes a retried job a duplicate row for row.',
  })
  @ApiProblems(IMPORT_FORMAT, IMPORT_NOT_YOURS)
  async import(@Query() q: ImportResourcesQuery, @Req() req: IncomingMessage, @Res() res: ServerResponse, @CurrentPrincipal() who: Principal, @CommandMeta() meta: CommandMeta): Promise<void> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format = q.format ?? CONTENT_TYPES[contentType];
    if (format === undefined || contentType === 'application/json') {
      throw new ValidationError('IMPORT.FORMAT', 'Send the file as application/x-ndjson or text/csv (or name ?format=)', [{ field: 'content-type', reason: 'must be application/x-ndjson or text/csv' }]);
    }
    if (who.role === 'enterprise' && q.ownerOrganisationId !== undefined && q.ownerOrganisationId !== who.organisationId) {
      throw new ForbiddenError('RESOURCE.NOT_YOURS', `You import only for organisation ${who.organisationId ?? '(none)'}`);
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    const write = (r: ImportReport | ResourceImportLine) => void res.write(`${JSON.stringify(r)}\n`);
    try {
      const rows = format === 'csv' ? csvRows(req) : jsonlRows(req);
      await importResources(this.deps, who, { jobId: meta.commandId, ...(q.ownerOrganisationId !== undefined ? { ownerOrganisationId: q.ownerOrganisationId } : {}), rows }, meta, write);
    } catch (error) {
      // The status is sent already: the failure is the last line, and the job can be retried with its Idempotency-Key.
      write({ type: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
    res.end();
  }
}
