import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the proposals operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class SeenProposalView {
  @ApiProperty({ type: 'string', enum: ['submitted', 'rejected', 'shortlisted', 'adopted', 'withdrawn'] }) status!: 'submitted' | 'rejected' | 'shortlisted' | 'adopted' | 'withdrawn';
  @ApiPropertyOptional() subProblemId?: string;
  @ApiProperty() proposalId!: string;
  @ApiProperty() demandId!: string;
  @ApiProperty({ type: 'string', enum: ['clue', 'plan'] }) kind!: 'clue' | 'plan';
  @ApiProperty() expertId!: string;
  @ApiProperty({ type: 'array', items: { type: 'string' } }) coAuthorIds!: string[];
  @ApiProperty({
    type: 'object',
    properties: { title: { type: 'string' }, body: { type: 'string' } },
    required: ['title', 'body'],
  }) content!: { title: string; body: string };
  @ApiProperty() contentHash!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() opened!: boolean;
  @ApiPropertyOptional() organisationId?: string;
}

export class ProposalsOfDemandResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        proposalId: { type: 'string' },
        demandId: { type: 'string' },
        subProblemId: { type: 'string' },
        kind: { type: 'string' },
        expertId: { type: 'string' },
        status: { type: 'string' },
        title: { type: 'string' },
        contentHash: { type: 'string' },
        submittedAt: { type: 'string' },
      },
      required: ['proposalId', 'demandId', 'kind', 'expertId', 'status', 'title', 'contentHash', 'submittedAt'],
    },
  }) items!: ({ proposalId: string; demandId: string; subProblemId?: string; kind: string; expertId: string; status: string; title: string; contentHash: string; submittedAt: string })[];
}

export class ProposalsCloseResponse {
  @ApiProperty() demandId!: string;
  @ApiProperty({ type: 'string', enum: ['draft', 'submitted', 'rejected', 'published', 'closed', 'cancelled', 'expired'] }) status!: 'draft' | 'submitted' | 'rejected' | 'published' | 'closed' | 'cancelled' | 'expired';
  @ApiPropertyOptional({ type: 'string', enum: ['awarded', 'not-awarded'] }) outcome?: 'awarded' | 'not-awarded';
}

export class ProposalsMineResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        proposalId: { type: 'string' },
        demandId: { type: 'string' },
        subProblemId: { type: 'string' },
        kind: { type: 'string' },
        expertId: { type: 'string' },
        status: { type: 'string' },
        title: { type: 'string' },
        contentHash: { type: 'string' },
        submittedAt: { type: 'string' },
        role: { type: 'string' },
      },
      required: ['proposalId', 'demandId', 'kind', 'expertId', 'status', 'title', 'contentHash', 'submittedAt', 'role'],
    },
  }) items!: ({ proposalId: string; demandId: string; subProblemId?: string; kind: string; expertId: string; status: string; title: string; contentHash: string; submittedAt: string; role: string })[];
}

export class ProposalsShortlistResponse {
  @ApiProperty({ type: 'string', enum: ['submitted', 'rejected', 'shortlisted', 'adopted', 'withdrawn'] }) status!: 'submitted' | 'rejected' | 'shortlisted' | 'adopted' | 'withdrawn';
  @ApiProperty() proposalId!: string;
  @ApiProperty() demandId!: string;
  @ApiPropertyOptional() subProblemId?: string;
  @ApiProperty({ type: 'string', enum: ['clue', 'plan'] }) kind!: 'clue' | 'plan';
  @ApiProperty() expertId!: string;
  @ApiProperty({ type: 'array', items: { type: 'string' } }) coAuthorIds!: string[];
  @ApiProperty() organisationId!: string;
  @ApiProperty({
    type: 'object',
    properties: { title: { type: 'string' }, body: { type: 'string' } },
    required: ['title', 'body'],
  }) content!: { title: string; body: string };
  @ApiProperty() contentHash!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty() opened!: boolean;
}
