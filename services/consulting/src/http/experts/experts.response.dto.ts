import { ApiProperty } from '@nestjs/swagger';

// What the experts operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class AvailabilityAnswerView {
  @ApiProperty() expertId!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        day: { type: 'string', enum: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
        from: { type: 'string' },
        to: { type: 'string' },
      },
      required: ['day', 'from', 'to'],
    },
  }) weekly!: ({ day: 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat'; from: string; to: string })[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        date: { type: 'string' },
        slots: {
          type: 'array',
          items: {
            type: 'object',
            properties: { from: { type: 'string' }, to: { type: 'string' } },
            required: ['from', 'to'],
          },
        },
      },
      required: ['date', 'slots'],
    },
  }) exceptions!: ({ date: string; slots: ({ from: string; to: string })[] })[];
}

export class ExpertsFreeSlotsResponse {
  @ApiProperty() expertId!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() expertTimeZone!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { start: { type: 'string' }, end: { type: 'string' } },
      required: ['start', 'end'],
    },
  }) slots!: ({ start: string; end: string })[];
}
