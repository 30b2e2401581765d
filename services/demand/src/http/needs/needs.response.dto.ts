import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NeedStatus } from '../../domain/need/need.state';

const NEED_STATUSES: readonly NeedStatus[] = ['reserving', 'refused', 'in-review', 'capturing', 'listing', 'published', 'releasing', 'rejected', 'timed-out', 'lapsed'];

// What the needs operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class NeedsRequestResponse {
  @ApiProperty({
    type: 'string',
    enum: NEED_STATUSES,
    description: 'reserving -> in-review -> capturing -> listing -> published; refused, rejected, timed-out and lapsed end it unpublished (releasing on the way).',
  }) status!: NeedStatus;
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
  }) content!: { title: { en?: string; zh?: string }; description: { en?: string; zh?: string }; domain: string; keywords: readonly string[] };
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
  @ApiPropertyOptional({ description: 'The operator who approved it.' }) approvedBy?: string;
  @ApiPropertyOptional({ description: 'When the points were captured.' }) publishedAt?: string;
  @ApiPropertyOptional({ description: 'The demand it is listed as (its id is the need id), once listed.' }) demandId?: string;
}

export class NeedsListResponse {
  @ApiProperty({ type: [NeedsRequestResponse] }) items!: NeedsRequestResponse[];
}
