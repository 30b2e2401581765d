import { ApiProperty } from '@nestjs/swagger';

// What the leaderboard operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class LeaderboardTopResponse {
  @ApiProperty() period!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: { rank: { type: 'number' }, expertId: { type: 'string' }, earned: { type: 'number' } },
      required: ['rank', 'expertId', 'earned'],
    },
  }) items!: ({ rank: number; expertId: string; earned: number })[];
}
