import { ApiProperty } from '@nestjs/swagger';

// What the interviews operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class BookingWithPaymentView {
  @ApiProperty() interviewId!: string;
  @ApiProperty() expertId!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() payment!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: 'array', items: { type: 'string' } }) proposedSlots!: string[];
  @ApiProperty({
    type: 'object',
    properties: { start: { type: 'string' }, end: { type: 'string' } },
    required: ['start', 'end'],
    nullable: true,
  }) slot!: { start: string; end: string } | null;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      attestationPassed: { type: 'boolean', nullable: true },
      conflictCheckPassed: { type: 'boolean', nullable: true },
      conflictReasons: {
        type: 'array',
        items: {
          type: 'object',
          properties: { code: { type: 'string' }, detail: { type: 'string' } },
          required: ['code', 'detail'],
        },
        nullable: true,
      },
    },
    required: ['attestationPassed', 'conflictCheckPassed', 'conflictReasons'],
  }) compliance!: { attestationPassed: boolean | null; conflictCheckPassed: boolean | null; conflictReasons: ({ code: string; detail: string })[] | null };
  @ApiProperty({ type: 'number', nullable: true }) actualMinutes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) refundPercent!: number | null;
  @ApiProperty({
    type: 'object',
    properties: { expert: { type: 'number', nullable: true }, enterprise: { type: 'number', nullable: true } },
    required: ['expert', 'enterprise'],
  }) ratings!: { expert: number | null; enterprise: number | null };
  @ApiProperty() requestedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      debtPoints: { type: 'number' },
      paymentId: { type: 'string' },
      payerId: { type: 'string' },
      itemId: { type: 'string' },
      status: { type: 'string' },
      points: { type: 'number', nullable: true },
      reservationId: { type: 'string', nullable: true },
      settling: { type: 'string', nullable: true },
      holdUntil: { type: 'string', nullable: true },
      capturePercent: { type: 'number', nullable: true },
      capturedPoints: { type: 'number', nullable: true },
      releasedPoints: { type: 'number', nullable: true },
      refundOwedPercent: { type: 'number' },
      failureCode: { type: 'string', nullable: true },
    },
    required: [
      'paymentId',
      'payerId',
      'itemId',
      'status',
      'points',
      'reservationId',
      'settling',
      'holdUntil',
      'capturePercent',
      'capturedPoints',
      'releasedPoints',
      'refundOwedPercent',
      'failureCode',
    ],
    nullable: true,
  }) pointsPayment!: { debtPoints?: number; paymentId: string; payerId: string; itemId: string; status: string; points: number | null; reservationId: string | null; settling: string | null; holdUntil: string | null; capturePercent: number | null; capturedPoints: number | null; releasedPoints: number | null; refundOwedPercent: number; failureCode: string | null } | null;
}

export class BookingsPageView {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        interviewId: { type: 'string' },
        expertId: { type: 'string' },
        organisationId: { type: 'string' },
        topic: { type: 'string' },
        durationMinutes: { type: 'number' },
        payment: { type: 'string' },
        status: { type: 'string' },
        proposedSlots: { type: 'array', items: { type: 'string' } },
        slot: {
          type: 'object',
          properties: { start: { type: 'string' }, end: { type: 'string' } },
          required: ['start', 'end'],
          nullable: true,
        },
        expiresAt: { type: 'string' },
        compliance: {
          type: 'object',
          properties: {
            attestationPassed: { type: 'boolean', nullable: true },
            conflictCheckPassed: { type: 'boolean', nullable: true },
            conflictReasons: {
              type: 'array',
              items: {
                type: 'object',
                properties: { code: { type: 'string' }, detail: { type: 'string' } },
                required: ['code', 'detail'],
              },
              nullable: true,
            },
          },
          required: ['attestationPassed', 'conflictCheckPassed', 'conflictReasons'],
        },
        actualMinutes: { type: 'number', nullable: true },
        refundPercent: { type: 'number', nullable: true },
        ratings: {
          type: 'object',
          properties: { expert: { type: 'number', nullable: true }, enterprise: { type: 'number', nullable: true } },
          required: ['expert', 'enterprise'],
        },
        requestedAt: { type: 'string' },
        updatedAt: { type: 'string' },
      },
      required: [
        'interviewId',
        'expertId',
        'organisationId',
        'topic',
        'durationMinutes',
        'payment',
        'status',
        'proposedSlots',
        'slot',
        'expiresAt',
        'compliance',
        'actualMinutes',
        'refundPercent',
        'ratings',
        'requestedAt',
        'updatedAt',
      ],
    },
  }) items!: ({ interviewId: string; expertId: string; organisationId: string; topic: string; durationMinutes: number; payment: string; status: string; proposedSlots: string[]; slot: { start: string; end: string } | null; expiresAt: string; compliance: { attestationPassed: boolean | null; conflictCheckPassed: boolean | null; conflictReasons: ({ code: string; detail: string })[] | null }; actualMinutes: number | null; refundPercent: number | null; ratings: { expert: number | null; enterprise: number | null }; requestedAt: string; updatedAt: string })[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor!: string | null;
}
