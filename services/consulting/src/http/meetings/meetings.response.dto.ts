import { ApiProperty } from '@nestjs/swagger';

// What the meetings operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class MeetingsScheduleResponse {
  @ApiProperty() meetingId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: 'string', nullable: true }) venue!: string | null;
  @ApiProperty() online!: boolean;
  @ApiProperty() seats!: number;
  @ApiProperty() seatsTaken!: number;
  @ApiProperty() freeSeats!: number;
  @ApiProperty() waiting!: number;
}

export class MeetingsListResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        meetingId: { type: 'string' },
        kind: { type: 'string' },
        title: { type: 'string' },
        startsAt: { type: 'string' },
        endsAt: { type: 'string' },
        venue: { type: 'string', nullable: true },
        online: { type: 'boolean' },
        seats: { type: 'number' },
        seatsTaken: { type: 'number' },
        freeSeats: { type: 'number' },
        waiting: { type: 'number' },
      },
      required: [
        'meetingId',
        'kind',
        'title',
        'startsAt',
        'endsAt',
        'venue',
        'online',
        'seats',
        'seatsTaken',
        'freeSeats',
        'waiting',
      ],
    },
  }) items!: ({ meetingId: string; kind: string; title: string; startsAt: string; endsAt: string; venue: string | null; online: boolean; seats: number; seatsTaken: number; freeSeats: number; waiting: number })[];
}

export class MeetingsRegistrationsResponse {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        participantId: { type: 'string' },
        role: { type: 'string' },
        status: { type: 'string' },
        attended: { type: 'boolean' },
      },
      required: ['participantId', 'role', 'status', 'attended'],
    },
  }) items!: ({ participantId: string; role: string; status: string; attended: boolean })[];
}

export class RegisteredView {
  @ApiProperty() meetingId!: string;
  @ApiProperty() participantId!: string;
  @ApiProperty({ type: 'string', enum: ['seated', 'waiting'] }) status!: 'seated' | 'waiting';
  @ApiProperty({
    type: 'object',
    properties: { status: { type: 'string' }, points: { type: 'number', nullable: true } },
    required: ['status', 'points'],
    nullable: true,
  }) pointsPayment!: { status: string; points: number | null } | null;
}

export class MeetingsAttendResponse {
  @ApiProperty() meetingId!: string;
  @ApiProperty() participantId!: string;
  @ApiProperty() attended!: boolean;
}
