import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the demands operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class DemandsDraftResponse {
  @ApiPropertyOptional({
    type: 'object',
    properties: { reason: { type: 'string' }, at: { type: 'string' } },
    required: ['reason', 'at'],
  }) rejection?: { reason: string; at: string };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        revision: { type: 'number' },
        changedFields: { type: 'array', items: { type: 'string' } },
        by: { type: 'string' },
        at: { type: 'string' },
      },
      required: ['revision', 'changedFields', 'at'],
    },
  }) revisions!: ({ revision: number; changedFields: string[]; by?: string; at: string })[];
  @ApiPropertyOptional({ type: 'string', enum: ['awarded', 'not-awarded'] }) outcome?: 'awarded' | 'not-awarded';
  @ApiPropertyOptional() publishedAt?: string;
  @ApiPropertyOptional({
    description: "Set when an expert asked for it as a paid need (decision 0024): that expert is its seeker.",
    type: 'object',
    properties: { needId: { type: 'string' }, expertId: { type: 'string' }, points: { type: 'number', description: 'What the expert paid to publish it.' } },
    required: ['needId', 'expertId', 'points'],
  }) need?: { needId: string; expertId: string; points: number };
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }) title!: { en?: string; zh?: string };
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } }) description!: { en?: string; zh?: string };
  @ApiProperty() domain!: string;
  @ApiProperty({ type: 'array', items: { type: 'string' } }) keywords!: string[];
  @ApiProperty({ type: 'array', items: { type: 'string' } }) capabilities!: string[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
        capabilities: { type: 'array', items: { type: 'string' } },
      },
      required: ['id', 'title', 'capabilities'],
    },
  }) subProblems!: ({ id: string; title: { en?: string; zh?: string }; capabilities: string[] })[];
  @ApiProperty({ type: 'string', enum: ['idea', 'theoretical', 'reduction-to-practice', 'partner-scouting'] }) maturity!: 'idea' | 'theoretical' | 'reduction-to-practice' | 'partner-scouting';
  @ApiProperty() trl!: number;
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      kind: { type: 'string', enum: ['reward', 'budget'] },
      amount: { type: 'number' },
      currency: { type: 'string' },
    },
    required: ['kind', 'amount', 'currency'],
  }) reward?: { kind: 'reward' | 'budget'; amount: number; currency: string };
  @ApiProperty({ type: 'string', enum: ['none', 'exclusive', 'non-exclusive'] }) ipTerms!: 'none' | 'exclusive' | 'non-exclusive';
  @ApiProperty() deadline!: string;
  @ApiProperty({ type: 'string', enum: ['public', 'restricted', 'confidential'] }) visibility!: 'public' | 'restricted' | 'confidential';
  @ApiProperty() anonymous!: boolean;
  @ApiPropertyOptional() contact?: string;
  @ApiProperty({ type: 'string', enum: ['draft', 'submitted', 'rejected', 'published', 'closed', 'cancelled', 'expired'] }) status!: 'draft' | 'submitted' | 'rejected' | 'published' | 'closed' | 'cancelled' | 'expired';
  @ApiPropertyOptional() organisationId?: string;
  @ApiProperty() demandId!: string;
}

export class DemandsBrowseResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        demandId: { type: 'string' },
        organisationId: { type: 'string' },
        status: { type: 'string' },
        title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
        domain: { type: 'string' },
        keywords: { type: 'array', items: { type: 'string' } },
        maturity: { type: 'string' },
        trl: { type: 'number' },
        visibility: { type: 'string' },
        deadline: { type: 'string' },
        publishedAt: { type: 'string' },
        revisions: { type: 'number' },
        subProblems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
              capabilities: { type: 'array', items: { type: 'string' } },
            },
            required: ['id', 'title', 'capabilities'],
          },
        },
      },
      required: [
        'demandId',
        'status',
        'title',
        'domain',
        'keywords',
        'maturity',
        'trl',
        'visibility',
        'deadline',
        'revisions',
        'subProblems',
      ],
    },
  }) items!: ({ demandId: string; organisationId?: string; status: string; title: { en?: string; zh?: string }; domain: string; keywords: string[]; maturity: string; trl: number; visibility: string; deadline: string; publishedAt?: string; revisions: number; subProblems: ({ id: string; title: { en?: string; zh?: string }; capabilities: string[] })[] })[];
  @ApiPropertyOptional() nextCursor?: string;
}
