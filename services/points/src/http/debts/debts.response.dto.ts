import { ApiProperty } from '@nestjs/swagger';

// What the debts operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class DebtsRecordResponse {
  @ApiProperty() debtId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() collectedNow!: number;
  @ApiProperty() debt!: number;
  @ApiProperty() available!: number;
}
