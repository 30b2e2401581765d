import { ApiProperty } from '@nestjs/swagger';

// The lines of `POST /experts/imports`'s application/x-ndjson answer, one JSON object a line.

export class ExpertImportProgress {
  @ApiProperty({ description: 'Rows read so far (blank lines are not rows)', example: 5000 }) rows!: number;
  @ApiProperty({ description: 'New experts joined', example: 4990 }) joined!: number;
  @ApiProperty({ description: 'Experts already there whose profile changed', example: 3 }) updated!: number;
  @ApiProperty({ description: 'Rows that changed nothing (a re-import, or a rerun after a crash)', example: 5 }) unchanged!: number;
  @ApiProperty({ description: 'Rows refused', example: 2 }) rejected!: number;
}

export class ExpertImportRejection {
  @ApiProperty({ example: 17 }) line!: number;
  @ApiProperty({ description: 'The field at fault (`line` when the row itself is not a JSON object)', example: 'skills.0.lastPractised' }) field!: string;
  @ApiProperty({ example: 'must not be greater than 2100' }) reason!: string;
}

export class ExpertImportReport extends ExpertImportProgress {
  @ApiProperty({ type: [ExpertImportRejection], description: 'One entry per problem (a row may have several), in line order' }) rejections!: ExpertImportRejection[];
  @ApiProperty({ description: 'Rejections beyond the listed ones are counted in `rejected`, not listed' }) rejectionsTruncated!: boolean;
}

export class ExpertImportFailure {
  @ApiProperty({ example: 'IMPORT.FAILED' }) code!: string;
  @ApiProperty() detail!: string;
}

export class ExpertImportProgressLine {
  @ApiProperty({ type: ExpertImportProgress }) progress!: ExpertImportProgress;
}

export class ExpertImportReportLine {
  @ApiProperty({ type: ExpertImportReport, description: 'The last line: every row is recorded and visible' }) report!: ExpertImportReport;
}

export class ExpertImportErrorLine {
  @ApiProperty({ type: ExpertImportFailure, description: 'The last line when the job stopped: rows recorded so far stay, a rerun adds nothing twice' }) error!: ExpertImportFailure;
}

export const EXPERT_IMPORT_LINES = [ExpertImportProgressLine, ExpertImportReportLine, ExpertImportErrorLine];
