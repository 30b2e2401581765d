import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the confidential operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class ConfidentialInviteResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty({ type: 'array', items: { type: 'string' } }) invited!: string[];
  @ApiProperty({ type: 'array', items: { type: 'string' } }) accepted!: string[];
}

export class ConfidentialNdaResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty({ type: 'string', enum: ['hope-standard-nda-v1'] }) ndaVersion!: 'hope-standard-nda-v1';
  @ApiProperty() terms!: string;
  @ApiProperty() accepted!: boolean;
}

export class ConfidentialAcceptResponse {
  @ApiProperty() demandId!: string;
  @ApiPropertyOptional() ndaVersion?: string;
  @ApiProperty() accepted!: boolean;
}

export class ConfidentialAuditResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { type: { type: 'string' }, at: { type: 'string' }, data: {} },
      required: ['type', 'at', 'data'],
    },
  }) items!: ({ type: string; at: string; data: unknown })[];
}
