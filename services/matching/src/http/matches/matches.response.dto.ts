import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the matches operations answer: the 2xx bodies of the OpenAPI document and of the generated
// client (libs/client). Nested objects are inline schemas; see docs/decisions/0026-typed-openapi-and-client.md.

export class RankingView {
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        rank: { type: 'number' },
        score: { type: 'number' },
        explanation: {
          type: 'object',
          properties: {
            matchedTerms: { type: 'array', items: { type: 'string' } },
            matchedSkills: {
              type: 'array',
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, lastPractised: { type: 'number' }, recency: { type: 'number' } },
                required: ['name', 'lastPractised', 'recency'],
              },
            },
            matchedDomains: { type: 'array', items: { type: 'string' } },
            factors: {
              type: 'object',
              properties: {
                tier: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                skills: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                availability: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                text: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                domain: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                trackRecord: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                rating: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                responsiveness: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
              },
              required: ['tier', 'skills', 'availability', 'text', 'domain', 'trackRecord', 'rating', 'responsiveness'],
            },
            trackRecord: {
              type: 'object',
              properties: {
                invited: { type: 'number' },
                responded: { type: 'number' },
                shortlisted: { type: 'number' },
                adopted: { type: 'number' },
                rated: { type: 'number' },
                ratingSum: { type: 'number' },
              },
              required: ['invited', 'responded', 'shortlisted', 'adopted', 'rated', 'ratingSum'],
            },
            rating: {
              type: 'object',
              properties: { count: { type: 'number' }, mean: { type: 'number' }, bayesian: { type: 'number' } },
              required: ['count', 'bayesian'],
            },
          },
          required: ['matchedTerms', 'matchedSkills', 'matchedDomains', 'factors', 'trackRecord', 'rating'],
        },
      },
      required: ['expertId', 'rank', 'score', 'explanation'],
    },
  }) matches!: ({ expertId: string; rank: number; score: number; explanation: { matchedTerms: string[]; matchedSkills: ({ name: string; lastPractised: number; recency: number })[]; matchedDomains: string[]; factors: { tier: { value: number; weight: number; contribution: number }; skills: { value: number; weight: number; contribution: number }; availability: { value: number; weight: number; contribution: number }; text: { value: number; weight: number; contribution: number }; domain: { value: number; weight: number; contribution: number }; trackRecord: { value: number; weight: number; contribution: number }; rating: { value: number; weight: number; contribution: number }; responsiveness: { value: number; weight: number; contribution: number } }; trackRecord: { invited: number; responded: number; shortlisted: number; adopted: number; rated: number; ratingSum: number }; rating: { count: number; mean?: number; bayesian: number } } })[];
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        reason: {
          type: 'string',
          enum: [
            'same-current-employer',
            'employer-restriction',
            'cooling-off',
            'terms-not-accepted',
            'confidentiality',
          ],
        },
      },
      required: ['expertId', 'reason'],
    },
  }) excluded!: ({ expertId: string; reason: 'same-current-employer' | 'employer-restriction' | 'cooling-off' | 'terms-not-accepted' | 'confidentiality' })[];
}

export class MatchesMatchesResponse {
  @ApiProperty() demandId!: string;
  @ApiPropertyOptional() subProblemId?: string;
  @ApiProperty() sourceEventId!: string;
  @ApiProperty({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        expertId: { type: 'string' },
        rank: { type: 'number' },
        score: { type: 'number' },
        explanation: {
          type: 'object',
          properties: {
            matchedTerms: { type: 'array', items: { type: 'string' } },
            matchedSkills: {
              type: 'array',
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, lastPractised: { type: 'number' }, recency: { type: 'number' } },
                required: ['name', 'lastPractised', 'recency'],
              },
            },
            matchedDomains: { type: 'array', items: { type: 'string' } },
            factors: {
              type: 'object',
              properties: {
                tier: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                skills: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                availability: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                text: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                domain: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                trackRecord: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                rating: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
                responsiveness: {
                  type: 'object',
                  properties: { value: { type: 'number' }, weight: { type: 'number' }, contribution: { type: 'number' } },
                  required: ['value', 'weight', 'contribution'],
                },
              },
              required: ['tier', 'skills', 'availability', 'text', 'domain', 'trackRecord', 'rating', 'responsiveness'],
            },
            trackRecord: {
              type: 'object',
              properties: {
                invited: { type: 'number' },
                responded: { type: 'number' },
                shortlisted: { type: 'number' },
                adopted: { type: 'number' },
                rated: { type: 'number' },
                ratingSum: { type: 'number' },
              },
              required: ['invited', 'responded', 'shortlisted', 'adopted', 'rated', 'ratingSum'],
            },
            rating: {
              type: 'object',
              properties: { count: { type: 'number' }, mean: { type: 'number' }, bayesian: { type: 'number' } },
              required: ['count', 'bayesian'],
            },
          },
          required: ['matchedTerms', 'matchedSkills', 'matchedDomains', 'factors', 'trackRecord', 'rating'],
        },
      },
      required: ['expertId', 'rank', 'score', 'explanation'],
    },
  }) matches!: ({ expertId: string; rank: number; score: number; explanation: { matchedTerms: string[]; matchedSkills: ({ name: string; lastPractised: number; recency: number })[]; matchedDomains: string[]; factors: { tier: { value: number; weight: number; contribution: number }; skills: { value: number; weight: number; contribution: number }; availability: { value: number; weight: number; contribution: number }; text: { value: number; weight: number; contribution: number }; domain: { value: number; weight: number; contribution: number }; trackRecord: { value: number; weight: number; contribution: number }; rating: { value: number; weight: number; contribution: number }; responsiveness: { value: number; weight: number; contribution: number } }; trackRecord: { invited: number; responded: number; shortlisted: number; adopted: number; rated: number; ratingSum: number }; rating: { count: number; mean?: number; bayesian: number } } })[];
  @ApiProperty() matchedAt!: string;
  @ApiPropertyOptional() confidentiality?: string;
}

export class MatchedInvitationView {
  @ApiProperty({ example: 'dem-7' }) demandId!: string;
  @ApiProperty({ example: 'demo-expert-li' }) expertId!: string;
  @ApiProperty({ description: 'False when the expert was invited already: nothing was recorded again' }) newlyInvited!: boolean;
}
