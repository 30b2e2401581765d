import { ApiProperty } from '@nestjs/swagger';

// What the redemptions operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class ReservationView {
  @ApiProperty() reservationId!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ type: 'string', enum: ['open', 'captured', 'released'] }) status!: 'open' | 'captured' | 'released';
  @ApiProperty() timeoutAt!: string;
  @ApiProperty({
    type: 'object',
    properties: { available: { type: 'number' }, pending: { type: 'number' }, reserved: { type: 'number' } },
    required: ['available', 'pending', 'reserved'],
  }) balance!: { available: number; pending: number; reserved: number };
}

export class CapturedReservationView {
  @ApiProperty() reservationId!: string;
  @ApiProperty({ type: 'string', enum: ['open', 'captured', 'released'] }) status!: 'open' | 'captured' | 'released';
  @ApiProperty() captured!: number;
  @ApiProperty() released!: number;
  @ApiProperty({
    type: 'object',
    properties: { available: { type: 'number' }, pending: { type: 'number' }, reserved: { type: 'number' } },
    required: ['available', 'pending', 'reserved'],
  }) balance!: { available: number; pending: number; reserved: number };
}

export class ReleasedReservationView {
  @ApiProperty() reservationId!: string;
  @ApiProperty({ type: 'string', enum: ['open', 'captured', 'released'] }) status!: 'open' | 'captured' | 'released';
  @ApiProperty({
    type: 'object',
    properties: { available: { type: 'number' }, pending: { type: 'number' }, reserved: { type: 'number' } },
    required: ['available', 'pending', 'reserved'],
  }) balance!: { available: number; pending: number; reserved: number };
}
