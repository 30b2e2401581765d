import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DeadLetterSummaryView {
  @ApiProperty({ format: 'uuid' }) letterId!: string;
  @ApiProperty({ example: 'hope.points.v1' }) topic!: string;
  @ApiPropertyOptional() eventId?: string;
  @ApiPropertyOptional({ example: 'PointsReserved' }) eventType?: string;
  @ApiProperty({ description: 'Why the handler gave up.' }) error!: string;
  @ApiProperty({ enum: ['non-retriable', 'retries-exhausted'] }) kind!: string;
  @ApiProperty({ minimum: 1 }) attempts!: number;
  @ApiProperty({ enum: ['open', 'replayed'] }) status!: 'open' | 'replayed';
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) replayedAt?: string;
  @ApiPropertyOptional() lastReplayError?: string;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterSummaryView] }) items!: DeadLetterSummaryView[];
  @ApiPropertyOptional({ description: 'Pass as `before` for the next (older) page; absent on the last.' }) next?: number;
}

export class DeadLetterMessage {
  @ApiProperty({ format: 'uuid' }) letterId!: string;
  @ApiProperty({ description: 'The consumer group that gave up.' }) groupId!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty({ description: 'The Kafka offset, as a string (64-bit).' }) offset!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ description: 'The message value as it arrived.' }) value!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<string, string>;
  @ApiPropertyOptional() eventId?: string;
  @ApiPropertyOptional() eventType?: string;
  @ApiProperty() error!: string;
  @ApiProperty({ enum: ['non-retriable', 'retries-exhausted'] }) kind!: 'non-retriable' | 'retries-exhausted';
  @ApiProperty() attempts!: number;
}

export class DeadLetterView {
  @ApiProperty({ enum: ['open', 'replayed'] }) status!: 'open' | 'replayed';
  @ApiProperty({ type: DeadLetterMessage }) letter!: DeadLetterMessage;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) replayedAt?: string;
  @ApiPropertyOptional({ description: 'The error of the last replay that failed.' }) lastReplayError?: string;
}
