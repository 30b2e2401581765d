import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the rulebook operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class CatalogueView {
  @ApiProperty() version!: number;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        price: { type: 'number' },
        perExpertLimit: { type: 'number' },
        totalLimit: { type: 'number' },
        availableFrom: { type: 'string' },
        availableUntil: { type: 'string' },
      },
      required: ['id', 'title', 'price'],
    },
  }) items!: ({ id: string; title: string; price: number; perExpertLimit?: number; totalLimit?: number; availableFrom?: string; availableUntil?: string })[];
  @ApiProperty() reservationTimeoutMinutes!: number;
}

export class RuleSetView {
  @ApiProperty() version!: number;
  @ApiPropertyOptional() effectiveFrom?: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        sourceType: { type: 'string' },
        points: { type: 'number' },
        recipientField: { type: 'string' },
        when: { type: 'object', additionalProperties: { type: 'string' } },
        perExpert: {
          type: 'object',
          properties: { day: { type: 'number' }, week: { type: 'number' }, month: { type: 'number' } },
        },
        onceEver: { type: 'boolean' },
        budget: {
          type: 'object',
          properties: { period: { type: 'string', enum: ['day', 'week', 'month'] }, points: { type: 'number' } },
          required: ['period', 'points'],
        },
      },
      required: ['id', 'sourceType', 'points', 'recipientField'],
    },
  }) rules!: ({ id: string; sourceType: string; points: number; recipientField: string; when?: { [key: string]: string }; perExpert?: { day?: number; week?: number; month?: number }; onceEver?: boolean; budget?: { period: 'day' | 'week' | 'month'; points: number } })[];
  @ApiProperty() pendingDays!: number;
  @ApiProperty({
    type: 'object',
    properties: { kind: { type: 'string', enum: ['rolling', 'end-of-month', 'end-of-year'] }, months: { type: 'number' } },
    required: ['kind', 'months'],
  }) expiry!: { kind: 'rolling' | 'end-of-month' | 'end-of-year'; months: number };
  @ApiPropertyOptional({
    type: 'object',
    properties: {
      thresholds: {
        type: 'object',
        properties: {
          bronze: { type: 'number' },
          silver: { type: 'number' },
          gold: { type: 'number' },
          platinum: { type: 'number' },
        },
        required: ['bronze', 'silver', 'gold', 'platinum'],
      },
      windowDays: { type: 'number' },
      downgrade: { type: 'object', properties: { graceDays: { type: 'number' } }, required: ['graceDays'] },
    },
    required: ['thresholds', 'windowDays', 'downgrade'],
  }) tiers?: { thresholds: { bronze: number; silver: number; gold: number; platinum: number }; windowDays: number; downgrade: { graceDays: number } };
}
