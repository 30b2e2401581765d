import { ApiProperty } from '@nestjs/swagger';

/** One thing wrong with an import row (the Problem schema's `errors` entry, for a row instead of a request). */
export class FieldProblemView {
  @ApiProperty({ description: 'Dotted path of the field in the row; empty when the line itself is unreadable', example: 'trl' }) field!: string;
  @ApiProperty({ example: 'must not be greater than 9' }) reason!: string;
}
