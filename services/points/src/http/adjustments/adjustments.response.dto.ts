import { ApiProperty } from '@nestjs/swagger';

// What the adjustments operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class AdjustmentsAdjustResponse {
  @ApiProperty() adjustmentId!: string;
  @ApiProperty() points!: number;
  @ApiProperty() available!: number;
  @ApiProperty() debt!: number;
}
