import { ApiProperty } from '@nestjs/swagger';

// What the what-if operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class WhatIfRunResponse {
  @ApiProperty({
    type: 'object',
    properties: { from: { type: 'string' }, to: { type: 'string' } },
    required: ['from', 'to'],
  }) period!: { from: string; to: string };
  @ApiProperty({
    type: 'object',
    properties: { sourcesRecordedSince: { type: 'string', nullable: true }, complete: { type: 'boolean' } },
    required: ['sourcesRecordedSince', 'complete'],
  }) coverage!: { sourcesRecordedSince: string | null; complete: boolean };
  @ApiProperty({
    type: 'object',
    properties: {
      real: {
        type: 'object',
        properties: { earned: { type: 'number' }, net: { type: 'number' } },
        required: ['earned', 'net'],
      },
      draft: {
        type: 'object',
        properties: { earned: { type: 'number' }, net: { type: 'number' } },
        required: ['earned', 'net'],
      },
    },
    required: ['real', 'draft'],
  }) totals!: { real: { earned: number; net: number }; draft: { earned: number; net: number } };
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        ruleId: { type: 'string' },
        real: {
          type: 'object',
          properties: { earned: { type: 'number' }, net: { type: 'number' } },
          required: ['earned', 'net'],
        },
        draft: {
          type: 'object',
          properties: { earned: { type: 'number' }, net: { type: 'number' } },
          required: ['earned', 'net'],
        },
      },
      required: ['ruleId', 'real', 'draft'],
    },
  }) byRule!: ({ ruleId: string; real: { earned: number; net: number }; draft: { earned: number; net: number } })[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        real: {
          type: 'object',
          properties: {
            earned: { type: 'number' },
            net: { type: 'number' },
            balance: {
              type: 'object',
              properties: {
                earned: { type: 'number' },
                pending: { type: 'number' },
                available: { type: 'number' },
                debt: { type: 'number' },
                reserved: { type: 'number' },
                spent: { type: 'number' },
                expired: { type: 'number' },
                reversed: { type: 'number' },
                adjusted: { type: 'number' },
              },
              required: [
                'earned',
                'pending',
                'available',
                'debt',
                'reserved',
                'spent',
                'expired',
                'reversed',
                'adjusted',
              ],
            },
          },
          required: ['earned', 'net', 'balance'],
        },
        draft: {
          type: 'object',
          properties: {
            earned: { type: 'number' },
            net: { type: 'number' },
            balance: {
              type: 'object',
              properties: {
                earned: { type: 'number' },
                pending: { type: 'number' },
                available: { type: 'number' },
                debt: { type: 'number' },
                reserved: { type: 'number' },
                spent: { type: 'number' },
                expired: { type: 'number' },
                reversed: { type: 'number' },
                adjusted: { type: 'number' },
              },
              required: [
                'earned',
                'pending',
                'available',
                'debt',
                'reserved',
                'spent',
                'expired',
                'reversed',
                'adjusted',
              ],
            },
          },
          required: ['earned', 'net', 'balance'],
        },
        delta: { type: 'number' },
        balanceDelta: { type: 'number' },
      },
      required: ['expertId', 'real', 'draft', 'delta', 'balanceDelta'],
    },
  }) accounts!: ({ expertId: string; real: { earned: number; net: number; balance: { earned: number; pending: number; available: number; debt: number; reserved: number; spent: number; expired: number; reversed: number; adjusted: number } }; draft: { earned: number; net: number; balance: { earned: number; pending: number; available: number; debt: number; reserved: number; spent: number; expired: number; reversed: number; adjusted: number } }; delta: number; balanceDelta: number })[];
  @ApiProperty() accountsCompared!: number;
}
