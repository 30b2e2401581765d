import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the needs operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class NeedsRequestResponse {
  @ApiProperty({
    type: 'string',
    enum: [
      'rejected',
      'published',
      'reserving',
      'refused',
      'in-review',
      'capturing',
      'releasing',
      'timed-out',
      'lapsed',
    ],
  }) status!: 'rejected' | 'published' | 'reserving' | 'refused' | 'in-review' | 'capturing' | 'releasing' | 'timed-out' | 'lapsed';
  @ApiProperty() needId!: string;
  @ApiProperty() expertId!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      description: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
      domain: { type: 'string' },
      keywords: { type: 'array', items: { type: 'string' } },
    },
    required: ['title', 'description', 'domain', 'keywords'],
  }) content!: { title: { en?: string; zh?: string }; description: { en?: string; zh?: string }; domain: string; keywords: string[] };
  @ApiProperty() requestedAt!: string;
  @ApiProperty() reviewDeadline!: string;
  @ApiPropertyOptional() reservationId?: string;
  @ApiPropertyOptional() points?: number;
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      kind: { type: 'string', enum: ['rejected', 'refused', 'timed-out', 'lapsed'] },
      reason: { type: 'string' },
      at: { type: 'string' },
    },
    required: ['kind', 'reason', 'at'],
  }) outcome?: { kind: 'rejected' | 'refused' | 'timed-out' | 'lapsed'; reason: string; at: string };
  @ApiPropertyOptional() publishedAt?: string;
}

export class NeedsListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        status: {
          type: 'string',
          enum: [
            'rejected',
            'published',
            'reserving',
            'refused',
            'in-review',
            'capturing',
            'releasing',
            'timed-out',
            'lapsed',
          ],
        },
        needId: { type: 'string' },
        expertId: { type: 'string' },
        content: {
          type: 'object',
          properties: {
            title: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
            description: { type: 'object', properties: { en: { type: 'string' }, zh: { type: 'string' } } },
            domain: { type: 'string' },
            keywords: { type: 'array', items: { type: 'string' } },
          },
          required: ['title', 'description', 'domain', 'keywords'],
        },
        requestedAt: { type: 'string' },
        reviewDeadline: { type: 'string' },
        reservationId: { type: 'string' },
        points: { type: 'number' },
        outcome: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['rejected', 'refused', 'timed-out', 'lapsed'] },
            reason: { type: 'string' },
            at: { type: 'string' },
          },
          required: ['kind', 'reason', 'at'],
        },
        publishedAt: { type: 'string' },
      },
      required: ['status', 'needId', 'expertId', 'content', 'requestedAt', 'reviewDeadline'],
    },
  }) items!: ({ status: 'rejected' | 'published' | 'reserving' | 'refused' | 'in-review' | 'capturing' | 'releasing' | 'timed-out' | 'lapsed'; needId: string; expertId: string; content: { title: { en?: string; zh?: string }; description: { en?: string; zh?: string }; domain: string; keywords: string[] }; requestedAt: string; reviewDeadline: string; reservationId?: string; points?: number; outcome?: { kind: 'rejected' | 'refused' | 'timed-out' | 'lapsed'; reason: string; at: string }; publishedAt?: string })[];
}
