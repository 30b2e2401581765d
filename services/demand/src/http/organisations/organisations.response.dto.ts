import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the organisations operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class OrganisationsRegisterResponse {
  @ApiProperty() organisationId!: string;
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }) name!: { en?: string; zh?: string };
  @ApiProperty({ type: 'string', enum: ['business-unit', 'client', 'sme'] }) kind!: 'business-unit' | 'client' | 'sme';
}

export class OrganisationsAddMemberResponse {
  @ApiProperty() organisationId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: 'string', enum: ['enterprise'] }) role!: 'enterprise';
}

export class OrganisationsRemoveMemberResponse {
  @ApiProperty() organisationId!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() removed!: boolean;
}

export class OrganisationsListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        organisationId: { type: 'string' },
        name: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
        kind: { type: 'string' },
        registeredAt: { type: 'string' },
        members: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              subject: { type: 'string' },
              role: { type: 'string', enum: ['enterprise'] },
              addedAt: { type: 'string' },
            },
            required: ['subject', 'role', 'addedAt'],
          },
        },
      },
      required: ['organisationId', 'name', 'kind', 'registeredAt', 'members'],
    },
  }) items!: ({ organisationId: string; name: { en?: string; zh?: string }; kind: string; registeredAt: string; members: ({ subject: string; role: 'enterprise'; addedAt: string })[] })[];
  @ApiPropertyOptional() nextCursor?: string;
}

export class OrganisationView {
  @ApiProperty() organisationId!: string;
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }) name!: { en?: string; zh?: string };
  @ApiProperty() kind!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        subject: { type: 'string' },
        role: { type: 'string', enum: ['enterprise'] },
        addedAt: { type: 'string' },
      },
      required: ['subject', 'role', 'addedAt'],
    },
  }) members!: ({ subject: string; role: 'enterprise'; addedAt: string })[];
}

export class OrganisationsDashboardResponse {
  @ApiProperty() organisationId!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        demandId: { type: 'string' },
        title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
        status: { type: 'string' },
        publishedAt: { type: 'string' },
        deadline: { type: 'string' },
        proposals: {
          type: 'object',
          properties: { clues: { type: 'number' }, plans: { type: 'number' } },
          required: ['clues', 'plans'],
        },
        subProblems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              subProblemId: { type: 'string' },
              title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
              clues: { type: 'number' },
              plans: { type: 'number' },
            },
            required: ['subProblemId', 'title', 'clues', 'plans'],
          },
        },
        timeToFirstProposalMs: { type: 'number', nullable: true },
        funnel: {
          type: 'object',
          properties: {
            submitted: { type: 'number' },
            matched: { type: 'number' },
            viewed: { type: 'number' },
            shortlisted: { type: 'number' },
            adopted: { type: 'number' },
          },
          required: ['submitted', 'matched', 'viewed', 'shortlisted', 'adopted'],
        },
      },
      required: [
        'demandId',
        'title',
        'status',
        'deadline',
        'proposals',
        'subProblems',
        'timeToFirstProposalMs',
        'funnel',
      ],
    },
  }) demands!: ({ demandId: string; title: { en?: string; zh?: string }; status: string; publishedAt?: string; deadline: string; proposals: { clues: number; plans: number }; subProblems: ({ subProblemId: string; title: { en?: string; zh?: string }; clues: number; plans: number })[]; timeToFirstProposalMs: number | null; funnel: { submitted: number; matched: number; viewed: number; shortlisted: number; adopted: number } })[];
  @ApiPropertyOptional() nextCursor?: string;
}
