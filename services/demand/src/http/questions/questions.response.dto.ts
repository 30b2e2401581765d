import { ApiProperty } from '@nestjs/swagger';

// What the questions operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class QuestionsAskResponse {
  @ApiProperty() questionId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() askedBy!: string;
  @ApiProperty() askedAt!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        answerId: { type: 'string' },
        text: { type: 'string' },
        answeredBy: { type: 'string' },
        answeredAt: { type: 'string' },
      },
      required: ['answerId', 'text', 'answeredBy', 'answeredAt'],
    },
  }) answers!: ({ answerId: string; text: string; answeredBy: string; answeredAt: string })[];
}

export class QuestionsThreadResponse {
  @ApiProperty() proposalId!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        questionId: { type: 'string' },
        text: { type: 'string' },
        askedBy: { type: 'string' },
        askedAt: { type: 'string' },
        answers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              answerId: { type: 'string' },
              text: { type: 'string' },
              answeredBy: { type: 'string' },
              answeredAt: { type: 'string' },
            },
            required: ['answerId', 'text', 'answeredBy', 'answeredAt'],
          },
        },
      },
      required: ['questionId', 'text', 'askedBy', 'askedAt', 'answers'],
    },
  }) items!: ({ questionId: string; text: string; askedBy: string; askedAt: string; answers: ({ answerId: string; text: string; answeredBy: string; answeredAt: string })[] })[];
}
