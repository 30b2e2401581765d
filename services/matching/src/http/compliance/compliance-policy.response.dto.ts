import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the compliance-policy operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class CompliancePolicyGetResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { organisationId: { type: 'string' }, name: { type: 'string' }, coolingOffMonths: { type: 'number' } },
      required: ['organisationId', 'name', 'coolingOffMonths'],
    },
  }) listedCompanies!: ({ organisationId: string; name: string; coolingOffMonths: number })[];
  @ApiPropertyOptional({
    type: 'object',
    properties: { version: { type: 'string' }, publishedAt: { type: 'string' } },
    required: ['version', 'publishedAt'],
  }) currentTerms?: { version: string; publishedAt: string };
}
