import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the account operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class AccountBalanceView {
  @ApiPropertyOptional() asOf?: string;
  @ApiProperty({ type: 'string', enum: ['none', 'bronze', 'silver', 'gold', 'platinum'] }) tier!: 'none' | 'bronze' | 'silver' | 'gold' | 'platinum';
  @ApiPropertyOptional() tierSince?: string;
  @ApiProperty() expiringIn30Days!: number;
  @ApiProperty() expertId!: string;
  @ApiProperty() available!: number;
  @ApiProperty() debt!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() reserved!: number;
  @ApiProperty() lifetimeEarned!: number;
  @ApiProperty() lifetimeSpent!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() reversed!: number;
  @ApiProperty() adjusted!: number;
}

export class LotsExplainedView {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        origin: { type: 'string' },
        lotId: { type: 'string' },
        points: { type: 'number' },
        remaining: { type: 'number' },
        pending: { type: 'boolean' },
        earnedAt: { type: 'string' },
        availableAt: { type: 'string' },
        expiresAt: { type: 'string' },
      },
      required: ['lotId', 'points', 'remaining', 'pending', 'earnedAt', 'availableAt', 'expiresAt'],
    },
  }) lots!: ({ origin?: string; lotId: string; points: number; remaining: number; pending: boolean; earnedAt: string; availableAt: string; expiresAt: string })[];
  @ApiProperty() debt!: number;
  @ApiProperty() expiringSoon!: number;
  @ApiProperty() expertId!: string;
  @ApiProperty() at!: string;
}

export class LedgerPageView {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        cursor: { type: 'string' },
        eventId: { type: 'string' },
        type: { type: 'string' },
        points: { type: 'number' },
        availableDelta: { type: 'number' },
        pendingDelta: { type: 'number' },
        reservedDelta: { type: 'number' },
        ruleId: { type: 'string' },
        ruleVersion: { type: 'number' },
        sourceEventId: { type: 'string' },
        reservationId: { type: 'string' },
        at: { type: 'string' },
        data: {},
      },
      required: ['cursor', 'eventId', 'type', 'points', 'availableDelta', 'pendingDelta', 'reservedDelta', 'at', 'data'],
    },
  }) items!: ({ cursor: string; eventId: string; type: string; points: number; availableDelta: number; pendingDelta: number; reservedDelta: number; ruleId?: string; ruleVersion?: number; sourceEventId?: string; reservationId?: string; at: string; data: unknown })[];
  @ApiPropertyOptional() next?: string;
}
