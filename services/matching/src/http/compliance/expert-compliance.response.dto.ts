import { ApiProperty } from '@nestjs/swagger';

// What the expert-compliance operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class ExpertComplianceConflictCheckResponse {
  @ApiProperty() expertId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() conflict!: boolean;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: ['same-current-employer', 'employer-restriction', 'cooling-off'] },
        detail: { type: 'string' },
        until: { type: 'string' },
      },
      required: ['code', 'detail'],
    },
  }) reasons!: ({ code: 'same-current-employer' | 'employer-restriction' | 'cooling-off'; detail: string; until?: string })[];
  @ApiProperty({
    type: 'object',
    properties: {
      accepted: {
        type: 'object',
        properties: { version: { type: 'string' }, acceptedAt: { type: 'string' } },
        required: ['version', 'acceptedAt'],
      },
      currentVersion: { type: 'string' },
      status: { type: 'string', enum: ['none', 'not-required', 'current', 'outdated', 'expired'] },
    },
    required: ['status'],
  }) terms!: { accepted?: { version: string; acceptedAt: string }; currentVersion?: string; status: 'none' | 'not-required' | 'current' | 'outdated' | 'expired' };
  @ApiProperty() erased!: boolean;
  @ApiProperty() cleared!: boolean;
  @ApiProperty() checkedAt!: string;
}
