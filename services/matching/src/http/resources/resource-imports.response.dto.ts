import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldProblemView } from '../import-lines.response.dto';

// The lines of `POST /resources/imports`'s application/x-ndjson answer, one JSON object a line.

export class ResourceImportCounts {
  @ApiProperty({ description: 'Rows read so far', example: 1000 }) read!: number;
  @ApiProperty({ description: 'New resources registered', example: 990 }) registered!: number;
  @ApiProperty({ description: 'Resources already there whose fields changed', example: 0 }) revised!: number;
  @ApiProperty({ description: 'Rows that changed nothing (a re-import)', example: 7 }) unchanged!: number;
  @ApiProperty({ description: 'Rows refused, each reported on its own line', example: 3 }) rejected!: number;
}

export class ResourceImportProgressLine extends ResourceImportCounts {
  @ApiProperty({ enum: ['progress'] }) type!: 'progress';
}

export class ResourceImportRejectedLine {
  @ApiProperty({ enum: ['rejected'] }) type!: 'rejected';
  @ApiProperty({ description: 'Line of the file (CSV: the header is line 1)', example: 42 }) line!: number;
  @ApiPropertyOptional({ example: 'row-42' }) externalKey?: string;
  @ApiProperty({ type: [FieldProblemView] }) errors!: FieldProblemView[];
}

export class ResourceImportDoneLine extends ResourceImportCounts {
  @ApiProperty({ enum: ['done'] }) type!: 'done';
  @ApiProperty({ description: 'The job (from the Idempotency-Key when one was sent, so a retried job has the same id)' }) jobId!: string;
}

export class ResourceImportFailedLine {
  @ApiProperty({ enum: ['failed'] }) type!: 'failed';
  @ApiProperty({ description: 'Why the job stopped; rows recorded so far stay, and a retry with the same Idempotency-Key adds nothing twice' }) detail!: string;
}

export type ResourceImportLine = ResourceImportProgressLine | ResourceImportRejectedLine | ResourceImportDoneLine | ResourceImportFailedLine;
export const RESOURCE_IMPORT_LINES = [ResourceImportProgressLine, ResourceImportRejectedLine, ResourceImportDoneLine, ResourceImportFailedLine];
