import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the funnel operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class FunnelViewedResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty() expertId!: string;
  @ApiPropertyOptional() rank?: number;
  @ApiProperty({
    type: 'object',
    properties: {
      matched: { type: 'string' },
      invited: { type: 'string' },
      viewed: { type: 'string' },
      submitted: { type: 'string' },
      shortlisted: { type: 'string' },
      adopted: { type: 'string' },
    },
  }) steps!: { matched?: string; invited?: string; viewed?: string; submitted?: string; shortlisted?: string; adopted?: string };
}

export class FunnelForDemandResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      matched: { type: 'number' },
      invited: { type: 'number' },
      viewed: { type: 'number' },
      submitted: { type: 'number' },
      shortlisted: { type: 'number' },
      adopted: { type: 'number' },
    },
    required: ['matched', 'invited', 'viewed', 'submitted', 'shortlisted', 'adopted'],
  }) counts!: { matched: number; invited: number; viewed: number; submitted: number; shortlisted: number; adopted: number };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        demandId: { type: 'string' },
        expertId: { type: 'string' },
        rank: { type: 'number' },
        steps: {
          type: 'object',
          properties: {
            matched: { type: 'string' },
            invited: { type: 'string' },
            viewed: { type: 'string' },
            submitted: { type: 'string' },
            shortlisted: { type: 'string' },
            adopted: { type: 'string' },
          },
        },
      },
      required: ['demandId', 'expertId', 'steps'],
    },
  }) experts!: ({ demandId: string; expertId: string; rank?: number; steps: { matched?: string; invited?: string; viewed?: string; submitted?: string; shortlisted?: string; adopted?: string } })[];
}

export class FunnelForExpertResponse {
  @ApiProperty() expertId!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      matched: { type: 'number' },
      invited: { type: 'number' },
      viewed: { type: 'number' },
      submitted: { type: 'number' },
      shortlisted: { type: 'number' },
      adopted: { type: 'number' },
    },
    required: ['matched', 'invited', 'viewed', 'submitted', 'shortlisted', 'adopted'],
  }) counts!: { matched: number; invited: number; viewed: number; submitted: number; shortlisted: number; adopted: number };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        demandId: { type: 'string' },
        expertId: { type: 'string' },
        rank: { type: 'number' },
        steps: {
          type: 'object',
          properties: {
            matched: { type: 'string' },
            invited: { type: 'string' },
            viewed: { type: 'string' },
            submitted: { type: 'string' },
            shortlisted: { type: 'string' },
            adopted: { type: 'string' },
          },
        },
      },
      required: ['demandId', 'expertId', 'steps'],
    },
  }) demands!: ({ demandId: string; expertId: string; rank?: number; steps: { matched?: string; invited?: string; viewed?: string; submitted?: string; shortlisted?: string; adopted?: string } })[];
}
